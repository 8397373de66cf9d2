using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Components.Inbox;
using XinchuangFlow.Web.Components.Layout;
using XinchuangFlow.Web.Components.Pages.Portal;
using XinchuangFlow.Web.Components.Pages.Tickets;
using XinchuangFlow.Web.Security;
using XinchuangFlow.Web.Text;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>
/// What a newcomer's walk found on the phone and portal pages, as rendered: the unit's requests as cards on a phone
/// (every part of the row there), the technician's phone header (language, a labelled password item, the way back from
/// a ticket), the home's next tasks with number and title apart, the rating's meaning per score, the same English word
/// for the same state, and the ticket's fields with "—" for an empty row, its parts apart, and a note when it has no files.
/// </summary>
public sealed class PhoneAndPortalTests(WebAppFactory app) : IClassFixture<WebAppFactory>, IAsyncLifetime
{
    private const string Demo = "Demo#2026xf";
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(15);
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        CanvasInterop.Setup(_ctx);
        _ctx.Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        foreach (var type in new[] { typeof(TicketWorkspaceService), typeof(TicketActionService), typeof(AttachmentService), typeof(WorkflowRuntime),
                     typeof(Application.Tasks.TaskService), typeof(UserDirectoryService), typeof(AccessService), typeof(Engine.Activities.ActivityRegistry),
                     typeof(TimeProvider), typeof(PortalService), typeof(Application.Home.HomeService), typeof(Application.Knowledge.KnowledgeSuggestionService) })
            _ctx.Services.AddSingleton(type, app.Services.GetRequiredService(type));
        _ctx.Services.AddScoped<PageAccess>();
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>Signs the bUnit context in as a demo user, with the roles and claims the app's sign-in gives them.</summary>
    private void SignIn(string email, params string[] roles)
    {
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized(email).SetRoles(roles);
        if (roles.Contains(Roles.Technician)) auth.SetPolicies(AccessPolicies.FieldTechnicians);
        if (roles.Contains(Roles.ProcurementUser)) auth.SetPolicies(AccessPolicies.PortalUsers);
        _ctx.RenderTree.Add<XinchuangFlow.Web.Components.CascadingActor>();
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));   // last: it starts the renderer
    }

    private async Task<string> NewTicketAsync(string title)
    {
        var unit = await app.LoginAsync("unit@xinchuang.local", Demo);
        var created = await unit.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103",
            ["productCategory"] = "terminal", ["productVendor"] = "统信终端设备厂商", ["impact"] = "single", ["title"] = title,
            ["description"] = "打印机无法打印。",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
    }

    [Fact]
    public async Task ThePortal_DrawsEachRequestAsACard_WithEveryPartOfItsRow()
    {
        var number = await NewTicketAsync("卡片上的服务请求");
        SignIn("unit@xinchuang.local", Roles.ProcurementUser);
        var cut = _ctx.Render<PortalHome>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=portal-cards] > *")), Slow);

        // One card per row of the table (the table is for wider screens; the stylesheet picks by the sm breakpoint).
        var rows = cut.FindAll("[data-testid=portal-requests] tbody tr[data-testid^=request-]");
        var cards = cut.FindAll("[data-testid^=request-card-]");
        Assert.Equal(rows.Count, cards.Count);
        Assert.Contains("d-none", cut.Find("[data-testid=portal-requests]").ParentElement!.ClassName);
        Assert.Contains("d-sm-none", cut.Find("[data-testid=portal-cards]").ClassName);

        var card = cut.Find($"[data-testid=request-card-{number}]");
        Assert.Equal("卡片上的服务请求", card.QuerySelector("[data-testid=title]")!.TextContent.Trim());
        Assert.Equal($"/tickets/{number}", card.QuerySelector("[data-testid=title]")!.GetAttribute("href"));
        Assert.Equal(number, card.QuerySelector("[data-testid=number]")!.TextContent.Trim());
        Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", card.QuerySelector("[data-testid=created]")!.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(card.QuerySelector("[data-testid=state]")!.TextContent));
        Assert.StartsWith("工程师：", card.QuerySelector("[data-testid=technician]")!.TextContent.Trim());
        Assert.Equal($"/portal/complaint?ticket={number}", card.QuerySelector("[data-testid=complain]")!.GetAttribute("href"));

        // A request waiting for the unit's rating offers it on its card as on its row.
        foreach (var row in rows.Where(r => r.QuerySelector("[data-testid=rate]") is not null))
            Assert.NotNull(cut.Find($"[data-testid=request-card-{row.GetAttribute("data-testid")!["request-".Length..]}] [data-testid=rate]"));
    }

    [Fact]
    public async Task ThePortal_ShowsOpenRequestsFirst_AndTheFinishedOnesOnAChip()
    {
        var number = await NewTicketAsync("筛选中的服务请求");
        SignIn("unit@xinchuang.local", Roles.ProcurementUser);
        var cut = _ctx.Render<PortalHome>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=portal-cards] > *")), Slow);

        // "In progress" is chosen: the new request is there and no closed or cancelled one.
        string[] States() => cut.FindAll("[data-testid=portal-requests] tbody tr [data-testid=state]").Select(e => e.TextContent.Trim()).ToArray();
        Assert.NotNull(cut.Find($"[data-testid=request-{number}]"));
        Assert.DoesNotContain("已关闭", States());
        Assert.DoesNotContain("已撤销", States());
        Assert.Matches(@"进行中（\d+）", cut.Find("[data-testid=portal-filter-open]").TextContent);

        // "Finished" shows the closed ones only, twenty at a time, the rest behind "show more".
        cut.Find("[data-testid=portal-filter-closed]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=request-{number}]")));
        var closed = States();
        Assert.NotEmpty(closed);
        Assert.All(closed, s => Assert.True(s is "已关闭" or "已撤销", s));
        Assert.True(closed.Length <= 20);
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(cut.Find("[data-testid=portal-filter-closed]").TextContent, @"\d+").Value);
        if (total > 20)
        {
            cut.Find("[data-testid=portal-more]").Click();
            cut.WaitForAssertion(() => Assert.Equal(Math.Min(total, 40), States().Length));
        }
    }

    [Fact]
    public void ThePhoneHeader_HasTheLanguageSwitch_ALabelledPasswordItem_AndTheWayBackFromATicket()
    {
        SignIn("tech@xinchuang.local", Roles.Technician);
        var nav = _ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/m/GX-4501-20261202-00001");
        var cut = _ctx.Render<PhoneLayout>(p => p.Add(x => x.Body, b => b.AddContent(0, "ticket")));

        var back = cut.Find("[data-testid=phone-back]");
        Assert.Equal("/m", back.GetAttribute("href"));
        Assert.Equal("返回我的工单", back.GetAttribute("aria-label"));
        Assert.Equal("English", cut.Find("[data-testid=language-switch]").TextContent.Trim());
        Assert.Contains("redirectUri=%2Fm%2FGX-4501-20261202-00001", cut.Find("[data-testid=language-switch]").GetAttribute("href"));
        Assert.Equal("修改密码", cut.Find("[data-testid=change-password]").TextContent.Trim());        // a word, not a bare icon
        Assert.Equal("账户", cut.Find("[data-testid=phone-menu] button").GetAttribute("aria-label"));  // the phone's menu of labelled items

        // The list itself has no way back to offer; the switch follows the reader to the page they are on.
        nav.NavigateTo("/m");
        cut.Render(p => p.Add(x => x.Body, b => b.AddContent(0, "list")));
        Assert.Empty(cut.FindAll("[data-testid=phone-back]"));
        cut.WaitForAssertion(() => Assert.Contains("redirectUri=%2Fm&", cut.Find("[data-testid=language-switch]").GetAttribute("href") + "&"));
    }

    [Fact]
    public async Task TheHomesNextTasks_KeepTheNumberAndTheTitleApart()
    {
        var number = await NewTicketAsync("打印机无法打印");
        var desk = await app.LoginAsync("dispatcher@xinchuang.local", Demo);
        var technician = (await desk.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!["technicianUser"]!.GetValue<string>();

        // The dispatched technician, who also dispatches (so the home is theirs rather than the phone's): the accept task is next.
        SignIn(technician, Roles.Technician, Roles.Dispatcher);
        var cut = _ctx.Render<XinchuangFlow.Web.Components.Pages.Home>();
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=home-task]"), r => r.TextContent.Contains(number)), Slow);
        var row = cut.FindAll("[data-testid=home-task]").First(r => r.TextContent.Contains(number));
        Assert.Equal(number, row.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal(" · 打印机无法打印", row.QuerySelector("[data-testid=home-task-title]")!.TextContent);
        Assert.Contains($"{number} · 打印机无法打印", row.QuerySelector(".xf-home-main")!.TextContent);
    }

    [Fact]
    public void TheRatingForm_ReadsEachScoresMeaning_AndSendsTheNumber()
    {
        var task = new HumanTask
        {
            TaskKind = TaskKinds.Feedback,
            Form =
            [
                new FormField { Name = Ratings.ScoreField, Label = "满意度（1–5）", Type = "select", Required = true, Options = ["5", "4", "3", "2", "1"] },
                new FormField { Name = "comment", Label = "评价意见", Type = "textarea" },
            ],
            Outcomes = [new TaskOutcome("submit", "提交评价")],
        };
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        (string Outcome, JsonObject Data)? sent = null;
        var popovers = _ctx.Render<MudPopoverProvider>();
        var cut = _ctx.Render<TaskForm>(p => p.Add(x => x.Task, task).Add(x => x.OnSubmit, (Action<(string, JsonObject)>)(s => sent = s)));

        cut.Find("[data-testid=field-satisfaction] .mud-select .mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => Assert.Equal(5, popovers.FindAll(".mud-list-item").Count));
        Assert.Equal(["5 · 很满意", "4 · 满意", "3 · 一般", "2 · 不满意", "1 · 很不满意"],
            popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()));
        popovers.FindAll(".mud-list-item")[1].Click();
        cut.WaitForAssertion(() => Assert.Equal("4 · 满意", cut.Find("[data-testid=field-satisfaction] input").GetAttribute("value")));

        cut.Find("[data-testid=outcome-submit]").Click();
        Assert.Equal("4", sent!.Value.Data[Ratings.ScoreField]!.GetValue<string>());           // the stored value stays the number

        // In English, and on a ticket that was rated.
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("en");
        try
        {
            Assert.Equal("1 · Very dissatisfied", Ratings.Option("1"));
            Assert.Equal("5 / 5 · Very satisfied", Ratings.Given(5));
        }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current); }
        Assert.Equal("2 / 5 · 不满意", Ratings.Given(2));
        Assert.Equal("7", Ratings.Option("7"));                                                  // no score: as given
    }

    [Fact]
    public void TheSameStateReadsTheSameInEnglish()
    {
        // 待评价 (the status) and 待我评价 (the unit's home) are one state; the task kind and its history line name the same act.
        var en = English();
        Assert.Equal("Awaiting rating", en["Status.awaitingFeedback"]);
        Assert.Equal("Awaiting my rating", en["Home.Unit.ToRate"]);
        Assert.Equal(en["TaskKind.ticket.feedback"], en["Event.feedback"]);
        foreach (var key in new[] { "Status.awaitingFeedback", "Home.Unit.ToRate", "Portal.Rate", "TaskKind.ticket.feedback", "Requester.Event.resolved" })
            Assert.DoesNotContain("feedback", en[key], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The English resources, key to text.</summary>
    private static Dictionary<string, string> English()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "XinchuangFlow.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "src", "XinchuangFlow.Web", "Resources", "SharedResource.en.resx");
        return System.Xml.Linq.XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
    }

    [Fact]
    public async Task TheTicketsFields_ShowADashForAnEmptyRow_KeepPartsApart_AndSayWhenThereAreNoFiles()
    {
        var number = await NewTicketAsync("没有附件的工单");
        SignIn("dispatcher@xinchuang.local", Roles.Dispatcher);
        var cut = _ctx.Render<TicketPage>(p => p.Add(x => x.Number, number));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=platform]")), Slow);

        Assert.Equal("—", cut.Find("[data-testid=platform]").TextContent.Trim());                 // no CPU, no OS
        Assert.Equal("终端 · 统信终端设备厂商", cut.Find("[data-testid=category]").TextContent.Trim());
        Assert.Equal("陆工 · 0771-5550101", cut.Find("[data-testid=contact]").TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(cut.Find("[data-testid=technician]").TextContent)); // "—" until someone is dispatched
        Assert.Equal("暂无附件。", cut.Find("[data-testid=attachments] [data-testid=no-files]").TextContent.Trim());
    }

    [Fact]
    public void APartsHelper_JoinsWhatIsGiven_AndSaysDashForNothing()
    {
        Assert.Equal("—", TicketPage.Parts(null, " ", ""));
        Assert.Equal("龙芯 3A6000 · 统信 UOS", TicketPage.Parts("龙芯 3A6000", "统信 UOS"));
        Assert.Equal("统信 UOS", TicketPage.Parts(null, "统信 UOS"));
    }
}
