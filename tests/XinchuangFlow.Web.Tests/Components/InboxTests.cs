using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Components.Inbox;
using XinchuangFlow.Web.Components.Pages.Inbox;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>The inbox (INB-1) as rendered: the task form checked like the engine checks it; views, claim and completion; live removal and arrival; late clicks; countdown states.</summary>
public sealed class InboxTests : IAsyncLifetime
{
    private const string Flow = """
    {
      "schemaVersion": 1, "definitionId": "ui-inbox", "name": "收件箱测试",
      "variables": [ { "name": "review", "type": "object" } ],
      "activities": [
        { "id": "start", "type": "xf.Start" },
        { "id": "review", "type": "xf.UserTask", "inputs": { "title": "审核采购申请", "role": "Dispatcher", "dueIn": "PT2H", "resultVariable": "review",
          "outcomes": [{ "key": "approve", "name": "同意" }, { "key": "reject", "name": "驳回" }],
          "form": [
            { "name": "comment", "label": "意见", "type": "textarea", "required": true, "maxLength": 20 },
            { "name": "amount", "label": "金额", "type": "number" },
            { "name": "urgent", "label": "加急", "type": "boolean" },
            { "name": "grade", "label": "等级", "type": "select", "options": ["P1", "P2"] },
            { "name": "day", "label": "日期", "type": "date" },
            { "name": "at", "label": "时间", "type": "datetime" },
            { "name": "note", "label": "备注", "type": "text" }
          ] } },
        { "id": "end", "type": "xf.End" }
      ],
      "connections": [
        { "source": { "activity": "start", "port": "done" }, "target": { "activity": "review" } },
        { "source": { "activity": "review", "port": "approve" }, "target": { "activity": "end" } },
        { "source": { "activity": "review", "port": "reject" }, "target": { "activity": "end" } }
      ]
    }
    """;

    private EngineHost _engine = null!;
    private readonly BunitContext _ctx = new();

    public async Task InitializeAsync()
    {
        _engine = await EngineHost.StartAsync();
        await _engine.PublishAsync(Flow);
        CanvasInterop.Setup(_ctx);
        _ctx.Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        foreach (var type in new[] { typeof(XinchuangFlow.Application.Tasks.TaskService), typeof(XinchuangFlow.Application.Tasks.InboxService),
                     typeof(XinchuangFlow.Application.Access.UserDirectoryService), typeof(XinchuangFlow.Application.Access.AccessService), typeof(WorkflowRuntime),
                     typeof(XinchuangFlow.Application.Tasks.TaskChangeFeed) })
            _ctx.Services.AddSingleton(type, _engine.Services.GetRequiredService(type));
        _ctx.Services.AddSingleton<TimeProvider>(_engine.Clock);
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.AddAuthorization().SetAuthorized("dispatcher@xinchuang.local").SetRoles("Dispatcher");
        // The app's provider of the current Actor (as in Routes.razor): pages and panels take it as a cascading parameter.
        _ctx.RenderTree.Add<XinchuangFlow.Web.Components.CascadingActor>();
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));   // as in the live circuit: timers and live updates on
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task TheForm_RendersEveryFieldType_RefusesWhatTheEngineWouldRefuse_AndSendsTheCleanedData()
    {
        var instance = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox"));
        var task = (await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(InstanceId: instance.Id))).Single();
        (string Outcome, JsonObject Data)? sent = null;
        var cut = _ctx.Render<TaskForm>(p => p.Add(x => x.Task, task).Add(x => x.OnSubmit, (Action<(string, JsonObject)>)(s => sent = s)));
        foreach (var field in task.Form) Assert.Single(cut.FindAll($"[data-testid=field-{field.Name}]"));
        Assert.Equal("同意", cut.Find("[data-testid=outcome-approve]").TextContent.Trim());

        await cut.InvokeAsync(() => cut.Find("[data-testid=outcome-approve]").Click());       // the required comment is missing
        Assert.Null(sent);
        Assert.NotEmpty(cut.FindAll("[data-testid=field-comment] .mud-input-error"));

        cut.Find("[data-testid=field-comment] textarea").Change("这段意见超过了二十个字的上限，所以应当被拒绝提交的");
        await cut.InvokeAsync(() => cut.Find("[data-testid=outcome-approve]").Click());
        Assert.Null(sent);
        Assert.Contains("最多 20 个字", cut.Find("[data-testid=field-comment]").TextContent);

        cut.Find("[data-testid=field-comment] textarea").Change("同意采购");
        cut.Find("[data-testid=field-amount] input").Change("1200");
        await cut.InvokeAsync(() => cut.Find("[data-testid=outcome-approve]").Click());
        Assert.Equal("approve", sent!.Value.Outcome);
        Assert.Equal("同意采购", sent.Value.Data["comment"]!.GetValue<string>());
        Assert.Equal(1200, sent.Value.Data["amount"]!.GetValue<double>());
    }

    [Fact]
    public async Task TheTeamView_ListsTheTaskWithItsCountdown_ClaimMovesItToMine_AndItIsCompletedFromThePanel()
    {
        var first = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox"));
        var snackbar = _ctx.Render<MudSnackbarProvider>();
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/inbox?view=Team");
        var cut = _ctx.Render<Inbox>();
        var task = (await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(InstanceId: first.Id))).Single();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-testid=row-{task.Id}]")));
        var row = cut.Find($"[data-testid=row-{task.Id}]");
        Assert.Contains("审核采购申请", row.TextContent);
        Assert.Contains("调度员", row.TextContent);                                   // offered to the role, nobody holds it
        Assert.Equal("OnTime", row.QuerySelector("[data-testid=countdown]")!.GetAttribute("data-state"));
        Assert.Contains("剩余 2:00:00", row.TextContent);
        Assert.Equal("1", cut.Find("[data-testid=count-Team]").TextContent.Trim());

        await cut.InvokeAsync(() => cut.Find($"[data-testid=claim-{task.Id}]").Click());
        snackbar.WaitForAssertion(() => Assert.Contains("已领取", snackbar.Markup));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=row-{task.Id}]")));   // no longer the team's
        Assert.Equal("1", cut.Find("[data-testid=count-Mine]").TextContent.Trim());
        Assert.Equal("dispatcher@xinchuang.local", (await _engine.Store.FindTaskAsync(task.Id))!.ClaimedBy);

        cut.Find("[data-testid=open-task] [data-testid=field-comment] textarea").Change("可以");
        await cut.InvokeAsync(() => cut.Find("[data-testid=open-task] [data-testid=outcome-approve]").Click());
        snackbar.WaitForAssertion(() => Assert.Contains("任务已完成", snackbar.Markup));
        Assert.Equal(WorkflowStatus.Finished, (await _engine.Store.LoadInstanceAsync(first.Id))!.Status);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=open-task]")));
    }

    [Fact]
    public async Task OnAPhone_TheCaseColumnSaysWhatTheTaskIsAbout_AndOpensIt()
    {
        // A phone keeps two columns (case, time left): the stylesheet hides the others below the sm breakpoint and shows
        // the title and step under the number instead; the row carries both, and the title there opens the task.
        var instance = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox"));
        var task = (await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(InstanceId: instance.Id))).Single();
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/inbox?view=All");
        var cut = _ctx.Render<Inbox>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-testid=row-{task.Id}]")));
        var row = cut.Find($"[data-testid=row-{task.Id}]");
        var sub = row.QuerySelector("td.xf-col-case [data-testid=case-sub]")!;
        Assert.Contains("审核采购申请", sub.QuerySelector(".xf-case-sub-title")!.TextContent);
        Assert.Equal(row.QuerySelector("td[data-testid=step]")!.TextContent.Trim(), sub.QuerySelector("[data-testid=case-sub-step]")!.TextContent.Trim());
        foreach (var cell in row.QuerySelectorAll("td").Where(c => !c.ClassList.Contains("xf-col-case") && !c.ClassList.Contains("xf-col-due")))
            Assert.True(cell.ClassList.Contains("xf-col-wide") || cell.ClassList.Contains("xf-col-extra"), cell.OuterHtml);

        await cut.InvokeAsync(() => cut.Find($"[data-testid=row-{task.Id}] .xf-case-sub-title").Click());
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=open-task]")));
    }

    [Fact]
    public async Task ATaskCompletedElsewhere_DisappearsLive_AndTheOpenPanelSaysSo()
    {
        var mine = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox"));
        var theirs = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox"));
        var snackbar = _ctx.Render<MudSnackbarProvider>();
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/inbox?view=All");
        var cut = _ctx.Render<Inbox>();
        var tasks = await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(Status: HumanTaskStatus.Open));
        var other = tasks.Single(t => t.InstanceId == theirs.Id);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=inbox] tbody tr").Count));
        await cut.InvokeAsync(() => cut.Find($"[data-testid=open-{other.Id}]").Click());
        Assert.Single(cut.FindAll("[data-testid=open-task]"));

        // Someone else completes it: without any click here, the row goes and the panel closes with a message.
        await _engine.Runtime.CompleteTaskAsync(other.Id, "reject", new JsonObject { ["comment"] = "别人处理了" }, "other@xinchuang.local");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=row-{other.Id}]")), TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=open-task]")));
        snackbar.WaitForAssertion(() => Assert.Contains("已被他人处理", snackbar.Markup));

        // A new task appears live too.
        var third = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox"));
        var fresh = (await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(InstanceId: third.Id))).Single();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-testid=row-{fresh.Id}]")), TimeSpan.FromSeconds(5));
        Assert.Single(cut.FindAll($"[data-testid=row-{(await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(InstanceId: mine.Id))).Single().Id}]"));
    }

    /// <summary>
    /// PERF-3: a change reloads an open inbox only when it concerns its user. A task offered to another role on a flow
    /// without a case is read once by the node's feed and leaves this inbox as it is; a task for the user's role reloads it.
    /// </summary>
    [Fact]
    public async Task AChangeThatDoesNotConcernTheUser_LeavesTheirInboxAlone_OneThatDoesReloadsIt()
    {
        await _engine.PublishAsync(Flow.Replace("\"ui-inbox\"", "\"ui-inbox-vendor\"").Replace("\"role\": \"Dispatcher\"", "\"role\": \"VendorSupport\""));
        var feed = _engine.Services.GetRequiredService<XinchuangFlow.Application.Tasks.TaskChangeFeed>();
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/inbox?view=All");
        var cut = _ctx.Render<Inbox>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=inbox-empty]")));
        var loads = cut.Instance.Loads;

        // The vendor's task: read by the feed once, this dispatcher's inbox is not loaded again.
        var reads = feed.Reads;
        var vendors = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox-vendor"));
        Assert.Single(await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(InstanceId: vendors.Id)));
        for (var waited = 0; feed.Reads == reads && waited < 5000; waited += 50) await Task.Delay(50);   // the feed read the change
        Assert.True(feed.Reads > reads);
        await Task.Delay(400);
        Assert.Equal(loads, cut.Instance.Loads);

        // A task for the dispatchers: the inbox loads again and shows it.
        var ours = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox"));
        var task = (await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(InstanceId: ours.Id))).Single();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-testid=row-{task.Id}]")), TimeSpan.FromSeconds(5));
        Assert.True(cut.Instance.Loads > loads);
    }

    [Fact]
    public async Task ALateClick_OnATaskTakenMeanwhile_SaysWhoWasQuicker()
    {
        var instance = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox"));
        var task = (await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(InstanceId: instance.Id))).Single();
        (string Message, Severity Severity)? closed = null;
        var actor = XinchuangFlow.Application.Access.Actor.Of("dispatcher@xinchuang.local", ["Dispatcher"]);
        var panel = _ctx.Render<TaskPanel>(p => p.Add(x => x.TaskId, task.Id).Add(x => x.Actor, actor)
            .Add(x => x.OnClosed, (Action<(string, Severity)>)(c => closed = c)));
        Assert.Single(panel.FindAll("[data-testid=claim]"));

        // A colleague claims it after this panel was opened; the click here is late, and says who — by name.
        await AddPersonAsync("colleague@xinchuang.local", "韦同事", "南宁八桂数智服务有限公司");
        await _engine.Runtime.ClaimTaskAsync(task.Id, "colleague@xinchuang.local");
        await panel.InvokeAsync(() => panel.Find("[data-testid=claim]").Click());
        Assert.Contains("韦同事", closed!.Value.Message);
        Assert.DoesNotContain("@", closed.Value.Message);
        Assert.Equal(Severity.Warning, closed.Value.Severity);

        // Released, then completed by someone else before this user's completion arrives.
        await _engine.Runtime.ReleaseTaskAsync(task.Id);
        closed = null;
        await panel.InvokeAsync(() => panel.Instance.RefreshAsync());
        panel.Find("[data-testid=open-task] [data-testid=field-comment] textarea").Change("我来");
        await _engine.Runtime.CompleteTaskAsync(task.Id, "approve", new JsonObject { ["comment"] = "已处理" }, "other@xinchuang.local");
        await panel.InvokeAsync(() => panel.Find("[data-testid=outcome-approve]").Click());
        Assert.Contains("已被他人处理", closed!.Value.Message);
        Assert.Equal("other@xinchuang.local", (await _engine.Store.FindTaskAsync(task.Id))!.CompletedBy);
    }

    [Fact]
    public async Task WhoHoldsATask_IsShownByTheirName_AndOrganisation_NeverByTheirLogin()
    {
        await AddPersonAsync("colleague@xinchuang.local", "韦同事", "南宁八桂数智服务有限公司");
        var instance = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox"));
        var task = (await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(InstanceId: instance.Id))).Single();
        await _engine.Runtime.ClaimTaskAsync(task.Id, "colleague@xinchuang.local");

        // The inbox's holder column: the name (the organisation would crowd the column).
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/inbox?view=All");
        var inbox = _ctx.Render<Inbox>();
        inbox.WaitForAssertion(() => Assert.Equal("韦同事", inbox.Find($"[data-testid=row-{task.Id}] [data-testid=holder]").TextContent.Trim()));

        // The task's panel: the name and the organisation the colleague acts for.
        var panel = _ctx.Render<TaskPanel>(p => p.Add(x => x.TaskId, task.Id).Add(x => x.Actor, XinchuangFlow.Application.Access.Actor.Of("dispatcher@xinchuang.local", ["Dispatcher"])));
        panel.WaitForAssertion(() => Assert.Equal("韦同事（南宁八桂数智服务有限公司） 处理中", panel.Find("[data-testid=held-by]").TextContent.Trim()));
        Assert.DoesNotContain("colleague@", inbox.Markup + panel.Markup);
    }

    /// <summary>A user in the directory: their login, the name the Data Bureau gave them and the enterprise they work for.</summary>
    private async Task AddPersonAsync(string login, string name, string enterprise)
    {
        var factory = _engine.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<XinchuangFlow.Infrastructure.Persistence.XfDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var company = new XinchuangFlow.Domain.Network.Enterprise(Guid.CreateVersion7(), enterprise, XinchuangFlow.Domain.Network.EnterpriseKind.Integrator,
            XinchuangFlow.Domain.Network.ShortlistStatus.Active);
        db.Enterprises.Add(company);
        db.Users.Add(new XinchuangFlow.Infrastructure.Persistence.AppUser
        {
            UserName = login, NormalizedUserName = login.ToUpperInvariant(), Email = login, NormalizedEmail = login.ToUpperInvariant(),
            DisplayName = name, EnterpriseId = company.Id,
        });
        await db.SaveChangesAsync();
    }

    [Theory]
    [InlineData(0, "OnTime", "剩余 2:00:00")]
    [InlineData(100, "Warned", "剩余 20:00")]
    [InlineData(125, "Breached", "超时 5:00")]
    [InlineData(1740, "Breached", "超时 1 天 3 小时")]
    public void TheCountdown_IsColouredByItsState_AndTicksWithTheClock(int minutesLater, string state, string text)
    {
        var now = _engine.Clock.GetUtcNow();
        var due = now.AddHours(2);
        _engine.Clock.Advance(TimeSpan.FromMinutes(minutesLater));
        var cut = _ctx.Render<Countdown>(p => p.Add(x => x.DueAt, due).Add(x => x.WarnAt, due.AddMinutes(-24)));
        Assert.Equal(state, cut.Find("[data-testid=countdown]").GetAttribute("data-state"));
        Assert.Contains(text, cut.Markup);
        Assert.Contains($"xf-deadline-{state.ToLowerInvariant()}", cut.Markup);
        Assert.Equal(XinchuangFlow.Web.Text.Times.Full(due), cut.Find("[data-testid=countdown]").GetAttribute("title"));   // the deadline itself, in China time
    }

    [Fact]
    public void APausedClock_ShowsPaused_AndNoDeadlineShowsADash()
    {
        var paused = _ctx.Render<Countdown>(p => p.Add(x => x.Paused, true).Add(x => x.ClockName, "onsite"));
        Assert.Equal("Paused", paused.Find("[data-testid=countdown]").GetAttribute("data-state"));
        Assert.Contains("到场 已暂停", paused.Markup);
        var none = _ctx.Render<Countdown>();
        Assert.Equal("None", none.Find("[data-testid=countdown]").GetAttribute("data-state"));
    }
}
