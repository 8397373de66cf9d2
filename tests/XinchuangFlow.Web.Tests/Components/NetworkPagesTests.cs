using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Web.Components.Pages.Network;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>
/// What a newcomer's walk found on the network pages, as rendered: a table's pager in the page's language with the
/// same count as its tab, the certificate dialog's errors (an empty date is missing, not invalid; a field's error goes
/// once it is changed) and its technician found by typing, and a reason the system wrote read in the reader's language.
/// </summary>
public sealed class NetworkPagesTests(WebAppFactory app) : IClassFixture<WebAppFactory>, IAsyncLifetime
{
    private const string Demo = "Demo#2026xf", Manager = "manager@xinchuang.local";
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
                     typeof(TimeProvider), typeof(UserDirectoryService) })
            _ctx.Services.AddSingleton(type, app.Services.GetRequiredService(type));
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>Signs in as the demo enterprise's manager and returns its enterprise.</summary>
    private async Task<Guid> SignInAsManagerAsync()
    {
        var api = await app.LoginAsync(Manager, Demo);
        var own = Guid.Parse(Assert.Single((await api.GetFromJsonAsync<JsonArray>("/api/enterprises"))!)!["id"]!.GetValue<string>());
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized(Manager).SetRoles(Roles.EnterpriseManager).SetClaims(new Claim(ScopeClaims.Enterprise, own.ToString()));
        _ctx.RenderTree.Add<XinchuangFlow.Web.Components.CascadingActor>();
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return own;
    }

    [Fact]
    public async Task TheTechniciansPager_ReadsChinese_AndCountsWhatTheTabCounts()
    {
        var own = await SignInAsManagerAsync();
        var view = await app.Services.GetRequiredService<NetworkAdminService>().ViewAsync(Actor.Of(Manager, [Roles.EnterpriseManager], own), own);
        var (active, inactive) = (view.Technicians.Count(t => t.Active), view.Technicians.Count(t => !t.Active));
        Assert.True(active + inactive > 50, "the demo enterprise has more than a page of technicians");

        var cut = _ctx.Render<NetworkEnterprise>(p => p.Add(x => x.EnterpriseId, own));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=network-tabs]")), Slow);
        var tab = cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("技术人员"));
        Assert.Equal(inactive == 0 ? $"技术人员 ({active})" : $"技术人员 ({active} · 另 {inactive} 已停用)", tab.TextContent.Trim());
        await cut.InvokeAsync(() => tab.Click());

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=technician-pager]")), Slow);
        var pager = cut.Find("[data-testid=technician-pager]").TextContent;
        Assert.Contains($"第 1–50 条，共 {active + inactive} 条", pager);
        Assert.DoesNotMatch(@"\bof\b", pager);
    }

    [Fact]
    public async Task TheTechnicianDialog_DropsAFieldsErrorOnceTheFieldChanges()
    {
        var (_, dialogs) = await SaveAnEmptyDialogAsync("technician");

        // Saved empty: the name has its error; once a name is given, that error goes and the others stay.
        string? NameError() => dialogs.Find("input[data-testid=technician-name-input], [data-testid=technician-name-input] input")
            .Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();
        dialogs.WaitForAssertion(() => Assert.Equal("请填写名称，且须包含可见文字。", NameError()), Slow);
        var others = dialogs.FindAll(".mud-input-helper-text.mud-input-error").Count;
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=technician-name-input], [data-testid=technician-name-input] input").Change("覃新"));
        dialogs.WaitForAssertion(() => Assert.True(string.IsNullOrEmpty(NameError())), Slow);
        Assert.Equal(others - 1, dialogs.FindAll(".mud-input-helper-text.mud-input-error").Count);
    }

    [Fact]
    public async Task TheCertificateDialog_SaysAnEmptyDateIsMissing_DropsAnErrorOnceTheFieldChanges_AndFindsTheTechnicianByName()
    {
        var (own, dialogs) = await SaveAnEmptyDialogAsync("certificate");

        dialogs.WaitForAssertion(() => Assert.Contains("请填写证书编号。", dialogs.Markup), Slow);
        Assert.Contains("请填写生效日期。", dialogs.Markup);
        Assert.Contains("请填写到期日期。", dialogs.Markup);
        Assert.DoesNotContain("不是有效日期", dialogs.Markup);

        // Typing a number takes its error away at once; the others stay until their fields change.
        var number = dialogs.Find("input[data-testid=certificate-number], [data-testid=certificate-number] input");
        await dialogs.InvokeAsync(() => number.Input("GXXC-TEST-0001"));
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("请填写证书编号。", dialogs.Markup), Slow);
        Assert.Contains("请填写生效日期。", dialogs.Markup);

        // The technician is found by typing part of a name, not picked out of a list of every technician.
        var view = await app.Services.GetRequiredService<NetworkAdminService>().ViewAsync(Actor.Of(Manager, [Roles.EnterpriseManager], own), own);
        var someone = view.Technicians.First(t => t.Active);
        var found = NetworkEnterprise.SearchTechnicians(view, someone.Name).ToList();
        Assert.Contains(someone.Id, found);
        Assert.True(found.Count < view.Technicians.Count(t => t.Active));
        Assert.All(found, id => Assert.Contains(someone.Name, view.Technicians.Single(t => t.Id == id).Name + PointNameOf(view, id)));
        Assert.NotEmpty(dialogs.FindAll(".mud-autocomplete [data-testid=certificate-technician], [data-testid=certificate-technician]"));
    }

    /// <summary>The manager's own enterprise (returned), its technicians' tab, the dialog of <paramref name="what"/> opened and saved empty.</summary>
    private async Task<(Guid Own, IRenderedComponent<MudDialogProvider> Dialogs)> SaveAnEmptyDialogAsync(string what)
    {
        var own = await SignInAsManagerAsync();
        var dialogs = _ctx.Render<MudDialogProvider>();
        _ctx.Render<MudPopoverProvider>();
        var cut = _ctx.Render<NetworkEnterprise>(p => p.Add(x => x.EnterpriseId, own));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=network-tabs]")), Slow);
        await cut.InvokeAsync(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("技术人员")).Click());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"[data-testid={what}-add]")), Slow);
        await cut.InvokeAsync(() => cut.Find($"[data-testid={what}-add]").Click());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll($"[data-testid={what}-save]")), Slow);
        await dialogs.InvokeAsync(() => dialogs.Find($"[data-testid={what}-save]").Click());
        return (own, dialogs);
    }

    private static string PointNameOf(NetworkView v, Guid? technician) =>
        v.Points.FirstOrDefault(p => p.Id == v.Technicians.Single(t => t.Id == technician).ServicePointId)?.Name ?? "";

    [Theory]
    [InlineData("zh-CN", "建设评估第 1 轮不合格（48.3 分）：限期整改，整改后重新评估。")]
    [InlineData("en", "Build-out evaluation round 1: Fail (48.3 points). Rectify, then it is evaluated again.")]
    public void AReasonTheSystemWrote_ReadsInTheReadersLanguage_APersonsAsTyped(string culture, string text)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            var coded = ShortlistReason.BuildOut(1, "fail", 48.3).Encode();
            var system = _ctx.Render<DecisionReason>(p => p.Add(x => x.Reason, coded));
            Assert.Equal(text, system.Find("[data-testid=decision-reason]").TextContent);
            Assert.False(system.Find("[data-testid=decision-reason]").HasAttribute("data-authored"));
            Assert.Contains("rectify", ShortlistReason.Describe(coded), StringComparison.OrdinalIgnoreCase);   // the API's and logs' English

            var typed = _ctx.Render<DecisionReason>(p => p.Add(x => x.Reason, "约谈后仍未整改"));
            Assert.Equal("约谈后仍未整改", typed.Find("[data-testid=decision-reason]").TextContent);
            Assert.True(typed.Find("[data-testid=decision-reason]").HasAttribute("data-authored"));
        }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current); }
    }

    [Fact]
    public async Task AFailedBuildOut_ReadsInEnglish_ItsRectificationWithItsReason_AndSentencesApart()
    {
        // The demo's submitted evaluation, scored low and confirmed by the Data Bureau: a rectification order follows.
        var buildOut = app.Services.GetRequiredService<Application.Assessment.BuildOutService>();
        var bureau = Actor.Of("admin@xinchuang.local", [Roles.DataBureauAdmin]);
        var submitted = (await buildOut.ListAsync(bureau)).First(r => r.Evaluation?.Status == Domain.Assessment.BuildOutStatus.Submitted).Enterprise.Id;
        foreach (var (code, _) in Domain.Assessment.BuildOutItems.All) await buildOut.ScoreItemAsync(bureau, submitted, code, 3, null);
        await buildOut.ReviewAsync(bureau, submitted, "confirm", null);

        _ctx.Services.AddSingleton(buildOut);
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("admin@xinchuang.local").SetRoles(Roles.DataBureauAdmin);
        _ctx.RenderTree.Add<XinchuangFlow.Web.Components.CascadingActor>();
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("en");
        try
        {
            var cut = _ctx.Render<Web.Components.Pages.Assessment.BuildOutPage>(p => p.Add(x => x.EnterpriseId, submitted));
            cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=buildout-history]")), Slow);
            Assert.Equal("Result: 18 points, Fail. A rectification order was recorded on the enterprise's shortlist record; it is evaluated again after rectification.",
                cut.Find("[data-testid=buildout-result-text]").TextContent);
            var lines = cut.FindAll("[data-testid=buildout-event]").Select(e => Regex.Replace(e.TextContent, @"\s+", " ").Trim()).ToList();
            Assert.Contains(lines, l => l.EndsWith("ordered rectification: Build-out evaluation round 1: Fail (18 points). Rectify, then it is evaluated again."));
            Assert.Contains(lines, l => l.EndsWith("scored (Knowledge base): 3 points"));
            foreach (var line in lines.Where(l => l.Contains("scored") || l.Contains("ordered rectification")))
                Assert.DoesNotMatch("[（）：]|[A-Za-z][.:][A-Za-z]", line[line.IndexOf(line.Contains("scored") ? "scored" : "ordered", StringComparison.Ordinal)..]);
        }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current); }
    }

    /// <summary>MudTablePager's "1-50 of 146" is a parameter, not a MudLocalizer text: every table pages with XfTablePager.</summary>
    [Fact]
    public void EveryTablePager_IsThePagerInTheReadersLanguage()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "XinchuangFlow.sln"))) dir = dir.Parent;
        var web = Path.Combine(dir!.FullName, "src", "XinchuangFlow.Web", "Components");
        var raw = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "XfTablePager.razor" && Regex.IsMatch(File.ReadAllText(f), @"<MudTablePager\b"))
            .Select(Path.GetFileName).ToList();
        Assert.Empty(raw);
        Assert.Contains(Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("<XfTablePager"));
    }
}
