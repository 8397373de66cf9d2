using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Web.Components.Pages.Audit;
using XinchuangFlow.Web.Components.Pages.Network;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>
/// As rendered: the network page's Excel import refuses a workbook over the limit with the import's own coded problem
/// (and imports nothing) yet still imports a workbook within it; the audit page names a liaison's line by its enterprise as
/// the API does, and says which of its masked fields changed without showing the name or the number.
/// </summary>
public sealed class NetworkImportAndAuditPageTests(WebAppFactory app) : IClassFixture<WebAppFactory>, IAsyncLifetime
{
    private const string Demo = "Demo#2026xf";
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(15);
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        foreach (var type in new[] { typeof(NetworkAdminService), typeof(NetworkExcelService), typeof(ShortlistService), typeof(AccessService), typeof(GuangxiDivisions),
                     typeof(UserDirectoryService), typeof(TimeProvider), typeof(XinchuangFlow.Application.Audit.AuditService) })
            _ctx.Services.AddSingleton(type, app.Services.GetRequiredService(type));
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private void SignIn(string email, string role, Guid? enterpriseId = null)
    {
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized(email).SetRoles(role);
        if (enterpriseId is { } id) auth.SetClaims(new Claim(ScopeClaims.Enterprise, id.ToString()));
        _ctx.RenderTree.Add<XinchuangFlow.Web.Components.CascadingActor>();
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));   // last: it starts the renderer
    }

    [Fact]
    public async Task TheImport_RefusesAWorkbookOverTheLimit_WithTheImportsProblem_AndNothingImported_ButImportsOneWithin()
    {
        var manager = await app.LoginAsync("manager@xinchuang.local", Demo);
        var own = Guid.Parse(Assert.Single((await manager.GetFromJsonAsync<JsonArray>("/api/enterprises"))!)!["id"]!.GetValue<string>());
        var point = (await manager.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/service-points"))![0]!;
        var workbook = NetworkAdminApiTests.TechnicianWorkbook(point["name"]!.GetValue<string>(), point["countyCode"]!.GetValue<string>(), 2, "page");
        var network = app.Services.GetRequiredService<INetworkRepository>();
        var before = (await network.TechniciansAsync(own)).Count;

        SignIn("manager@xinchuang.local", Roles.EnterpriseManager, own);
        var cut = _ctx.Render<NetworkEnterprise>(p => p.Add(x => x.EnterpriseId, own));
        cut.WaitForAssertion(() => cut.Find("[data-testid=network-import]"), Slow);

        var huge = new byte[11 * 1024 * 1024];
        workbook.CopyTo(huge, 0);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(huge, "网络.xlsx"));
        cut.WaitForAssertion(() => Assert.Equal("工作簿超过 5 MB，无法导入。", cut.Find("[data-testid=import-error]").TextContent.Trim()), Slow);
        Assert.Empty(cut.FindAll("[data-testid=import-report]"));
        Assert.Equal(before, (await network.TechniciansAsync(own)).Count);

        // The page hands the file to the import, which reads no more than its limit: a workbook within it is imported.
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(workbook, "网络.xlsx"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=import-report]")), Slow);
        Assert.Empty(cut.FindAll("[data-testid=import-error]"));
        Assert.Equal(before + 2, (await network.TechniciansAsync(own)).Count);
    }

    [Fact]
    public async Task TheAuditPage_NamesALiaisonsLineAsTheApiDoes_AndSaysWhatChanged_WithoutTheNameOrTheNumber()
    {
        var admin = await app.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var enterprise = (await admin.GetFromJsonAsync<JsonArray>("/api/enterprises"))![0]!;
        var party = $"enterprise-{enterprise["id"]!.GetValue<string>()}";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/liaisons/{party}", new { name = "覃海涛", phone = "0771-5551234" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/liaisons/{party}", new { name = "覃海涛", phone = "0772-6661234" })).StatusCode);
        var line = (await admin.GetFromJsonAsync<JsonObject>($"/api/audit?kind=liaison&id={party}"))!["items"]!.AsArray()[0]!;
        Assert.Equal(enterprise["name"]!.GetValue<string>(), line["subject"]!.GetValue<string>());

        SignIn("admin@xinchuang.local", Roles.DataBureauAdmin);
        var cut = _ctx.Render<AuditTrail>();
        var row = $"[data-testid=audit-{line["id"]!.GetValue<string>()}]";
        cut.WaitForAssertion(() => cut.Find(row), Slow);
        var cells = cut.Find(row).QuerySelectorAll("td");
        Assert.Equal("联络人", cells[2].TextContent.Trim());
        Assert.Equal(enterprise["name"]!.GetValue<string>(), cells[3].TextContent.Trim());
        Assert.Equal("已变更：电话（详见导出）", cells[5].TextContent.Trim());
        foreach (var clear in new[] { "覃海涛", "0771-5551234", "0772-6661234" })
            Assert.DoesNotContain(clear, cut.Markup);
    }

    [Fact]
    public async Task TheAuditPage_NamesANetworkChangesKind_NotOther()
    {
        var manager = await app.LoginAsync("manager@xinchuang.local", "Demo#2026xf");
        var own = Assert.Single((await manager.GetFromJsonAsync<JsonArray>("/api/enterprises"))!)!["id"]!.GetValue<string>();
        var point = (await manager.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/service-points"))![0]!["id"]!.GetValue<string>();
        var created = await manager.PostAsJsonAsync($"/api/enterprises/{own}/technicians",
            new { name = "蒙审计", userName = "audit-kind@xinchuang.local", servicePointId = point, capabilityLevel = 2, categories = new[] { "terminal" }, phone = "13807719876" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var admin = await app.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var line = (await admin.GetFromJsonAsync<JsonObject>($"/api/audit?kind=technician&id={id}"))!["items"]!.AsArray()[0]!;

        SignIn("admin@xinchuang.local", Roles.DataBureauAdmin);
        var cut = _ctx.Render<AuditTrail>();
        var row = $"[data-testid=audit-{line["id"]!.GetValue<string>()}]";
        cut.WaitForAssertion(() => cut.Find(row), Slow);
        var cells = cut.Find(row).QuerySelectorAll("td");
        Assert.Equal("技术人员", cells[2].TextContent.Trim());
        Assert.Equal("蒙审计", cells[3].TextContent.Trim());
    }
}
