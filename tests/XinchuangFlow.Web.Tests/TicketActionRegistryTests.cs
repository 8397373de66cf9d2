using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Application.Tickets.Actions;
using XinchuangFlow.Cases;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Web.Components.Pages.Tickets;
using XinchuangFlow.Web.Tests.Components;

namespace XinchuangFlow.Web.Tests;

/// <summary>The app with one more ticket action, registered by the test alone (as a host would: one more DI line).</summary>
public sealed class CallbackActionApp : WebAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ITicketAction, NeedsCallbackAction>());
    }
}

/// <summary>
/// A made-up action, "mark as needing a callback": the platform's dispatchers may flag an open ticket with a note and a
/// preferred time of day; it writes a history line. No shipped file knows it.
/// </summary>
public sealed class NeedsCallbackAction : ITicketAction
{
    public string Key => "callback";
    public string TitleKey => "Ticket.NeedsCallback";
    public string DoneKey => "Ticket.CallbackNoted";

    public IReadOnlyList<TicketActionField> Fields { get; } =
    [
        new("note", TicketActionValueType.LongText, "Hotline.CallNote") { Required = true, MaxLength = 200 },
        new("slot", TicketActionValueType.Choice, "Ticket.CallbackSlot") { Choices = ["上午", "下午"] },
    ];

    public ValueTask<TicketActionCheck> CheckAsync(Actor actor, Ticket ticket, CancellationToken ct) => ValueTask.FromResult(
        !actor.IsInRole(Roles.Dispatcher) ? TicketActionCheck.NotYou("Only dispatchers note a callback.")
        : ticket.Status.IsFinal ? TicketActionCheck.NotNow($"Ticket {ticket.Number} is closed.")
        : TicketActionCheck.May);

    public Task RunAsync(TicketActionRun run) => run.AmendAsync("callback", (amendment, ticket) =>
    {
        amendment.Record(ticket, "callback", $"需要回电（{(run.Form["slot"] is { Length: > 0 } slot ? slot : "随时")}）：{run.Form["note"]}");
        return true;
    });
}

/// <summary>
/// The registry drives the ticket actions, as <c>RuleKindRegistryTests</c> shows for rule kinds: an action registered by
/// this test alone — one class and one DI line, no change to a page, an endpoint or a service — is offered to the user its
/// check allows and to no one else, runs through the generic route and writes its history line, is refused (logged) to
/// others, and is a button on the ticket page whose generic dialog draws its declared fields.
/// </summary>
public sealed class TicketActionRegistryTests(CallbackActionApp app) : IClassFixture<CallbackActionApp>, IAsyncLifetime
{
    private const string Demo = "Demo#2026xf";
    /// <summary>Each wait covers a round trip to the real app on a busy machine.</summary>
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(15);
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private async Task<string> NewTicketAsync(string title)
    {
        var unit = await app.LoginAsync("unit@xinchuang.local", Demo);
        var created = await unit.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103",
            ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = title, ["description"] = "用户要求回电说明进度。",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
    }

    private static async Task<string[]> OfferedAsync(HttpClient api, string number) =>
        (await api.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/actions"))!.Select(a => a!["key"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task ANewAction_IsOfferedToTheRightUser_RunsThroughTheGenericRoute_AndIsRefusedToOthers()
    {
        var number = await NewTicketAsync("需要回电的工单");
        var desk = await app.LoginAsync("dispatcher@xinchuang.local", Demo);
        var unit = await app.LoginAsync("unit@xinchuang.local", Demo);
        var liuzhou = await app.LoginAsync("liuzhou@xinchuang.local", Demo);
        var supervisor = await app.LoginAsync("supervisor@xinchuang.local", Demo);

        // Listed after the shipped ones, for the dispatcher only: the unit sees its ticket but may run none of these.
        var offered = await OfferedAsync(desk, number);
        Assert.Equal("callback", offered[^1]);
        Assert.Contains("redispatch", offered);
        Assert.Empty(await OfferedAsync(unit, number));
        var form = (await desk.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/actions"))!.Single(a => a!["key"]!.GetValue<string>() == "callback")!;
        Assert.Equal(["note", "slot"], form["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
        Assert.Equal("longText", form["fields"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("来电内容（重复来电记到这张工单）", form["fields"]![0]!["label"]!.GetValue<string>());
        Assert.Equal(["上午", "下午"], form["fields"]![1]!["options"]!.AsArray().Select(o => o!.GetValue<string>()));
        // The workspace the ticket page reads says the same.
        var workspace = await app.Services.GetRequiredService<TicketWorkspaceService>().GetAsync(Actor.Of("dispatcher@xinchuang.local", [Roles.Dispatcher]), number);
        Assert.Contains(workspace.Rights.Actions, a => a is NeedsCallbackAction);

        // The form is read by its catalogue before the action runs: every problem by field.
        var bad = await desk.PostAsJsonAsync($"/api/tickets/{number}/actions/callback", new JsonObject { ["note"] = " ", ["slot"] = "半夜" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("note") && errors.ContainsKey("slot"), errors.ToJsonString());

        var done = await desk.PostAsJsonAsync($"/api/tickets/{number}/actions/callback", new JsonObject { ["note"] = "请下午联系陆工", ["slot"] = "下午" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(number, (await done.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>());
        var history = (await desk.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["history"]!.AsArray();
        var line = Assert.Single(history, e => e!["kind"]!.GetValue<string>() == "callback")!;
        Assert.Equal("需要回电（下午）：请下午联系陆工", line["note"]!.GetValue<string>());
        Assert.Equal("dispatcher@xinchuang.local", line["user"]!.GetValue<string>());

        // Refused to the others, each refusal logged: the ticket's own unit and the read-only supervisor by the action's
        // check (403), another city's coordinator by the scope (404, the ticket's existence not told).
        foreach (var (api, user, status) in new[] { (unit, "unit@xinchuang.local", HttpStatusCode.Forbidden),
                     (supervisor, "supervisor@xinchuang.local", HttpStatusCode.Forbidden), (liuzhou, "liuzhou@xinchuang.local", HttpStatusCode.NotFound) })
        {
            var before = app.Logs.RefusalsOf(user);
            var refused = await api.PostAsJsonAsync($"/api/tickets/{number}/actions/callback", new JsonObject { ["note"] = "冒充" });
            Assert.Equal(status, refused.StatusCode);
            Assert.True(app.Logs.RefusalsOf(user) > before, $"{user} was refused without a log line");
        }
        Assert.Single((await desk.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["history"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "callback");

        // An unknown key is 404; the shipped actions answer on the generic route as on their own.
        Assert.Equal(HttpStatusCode.NotFound, (await desk.PostAsJsonAsync($"/api/tickets/{number}/actions/hail", new JsonObject())).StatusCode);
        var grade = await desk.PostAsJsonAsync($"/api/tickets/{number}/actions/grade", new JsonObject { ["grade"] = "p1", ["reason"] = "全单位停摆" });
        Assert.Equal(HttpStatusCode.OK, grade.StatusCode);
        Assert.Equal("P1", (await grade.Content.ReadFromJsonAsync<JsonObject>())!["grade"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await desk.PostAsJsonAsync($"/api/tickets/{number}/grade", new JsonObject { ["grade"] = "P1", ["reason"] = "再调一次" })).StatusCode);
    }

    [Fact]
    public async Task ANewAction_IsAButtonOnTheTicketPage_WhoseDialogDrawsItsDeclaredFields_AndRunsIt()
    {
        var number = await NewTicketAsync("页面上的回电标记");
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        CanvasInterop.Setup(_ctx);
        _ctx.Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        foreach (var type in new[] { typeof(TicketWorkspaceService), typeof(TicketActionService), typeof(AttachmentService), typeof(Engine.Runtime.WorkflowRuntime),
                     typeof(Application.Tasks.TaskService), typeof(UserDirectoryService), typeof(AccessService), typeof(Engine.Activities.ActivityRegistry), typeof(TimeProvider),
                     typeof(Application.Knowledge.KnowledgeSuggestionService) })
            _ctx.Services.AddSingleton(type, app.Services.GetRequiredService(type));
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.AddAuthorization().SetAuthorized("dispatcher@xinchuang.local").SetRoles(Roles.Dispatcher);
        _ctx.RenderTree.Add<XinchuangFlow.Web.Components.CascadingActor>();
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var snackbar = _ctx.Render<MudSnackbarProvider>();
        var dialogs = _ctx.Render<MudDialogProvider>();
        var cut = _ctx.Render<TicketPage>(p => p.Add(x => x.Number, number));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=action-callback]")), Slow);
        Assert.Equal("action-callback", cut.FindAll("[data-testid=ticket-actions] button").Last().GetAttribute("data-testid"));   // after the shipped ones

        await cut.InvokeAsync(() => cut.Find("[data-testid=action-callback]").Click());
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-testid=action-form-callback]")), Slow);
        var dialog = dialogs.Find("[data-testid=action-form-callback]");
        Assert.Contains("来电内容（重复来电记到这张工单） *", dialog.TextContent);   // the label from the resources, marked required
        Assert.Equal("textarea", dialogs.Find("[data-testid=callback-note]").LocalName);               // long text: several lines
        Assert.Equal("combobox", dialogs.Find("[data-testid=callback-slot]").GetAttribute("role"));    // the choice: a select

        // Sent empty: the catalogue's problem at its field, the dialog stays.
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=callback]").Click());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=action-form-callback] .mud-input-error")), Slow);

        dialogs.Find("textarea").Input("请尽快回电");
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=callback]").Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=action-dialog]")), Slow);
        cut.WaitForAssertion(() => Assert.Contains("需要回电（随时）：请尽快回电", cut.Find("[data-testid=timeline]").TextContent), Slow);
        snackbar.WaitForAssertion(() => Assert.Contains("Ticket.CallbackNoted", snackbar.Markup), Slow);   // its done text's key: a made-up action has no resources
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void EveryKeyAShippedActionNames_IsInTheResources(string file)
    {
        var keys = RuleKindResourceTests.Keys(file);
        var shipped = app.Services.GetRequiredService<TicketActionRegistry>().All.Where(a => TicketActionRegistry.Shipped.Contains(a.GetType())).ToList();
        Assert.Equal(TicketActionRegistry.Shipped.Count, shipped.Count);
        foreach (var action in shipped)
        {
            string?[] named = [action.TitleKey, action.DoneKey, .. action.Fields.Select(f => f.LabelKey),
                .. action.Fields.SelectMany(f => f.Choices.Select(c => f.ChoiceLabelPrefix is { } p ? p + c : null))];
            foreach (var key in named.OfType<string>()) Assert.True(keys.Contains(key), $"{action.Key}: {key} is not in {file}");
        }
    }
}
