using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Tests.Support;
using static XinchuangFlow.Infrastructure.Tests.Support.FlowBuilder;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// ENG-12: the control-flow patterns a process designer expects, on a real database (SQLite and PostgreSQL): join
/// modes, multi-choice, multiple instances with a run-time count, cancellation reaching sub-workflows, persistent
/// signals, task deadlines that route the flow, withdrawing a task, and an instance that can no longer progress.
/// </summary>
public abstract class WorkflowPatternTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private EngineHarness _h = null!;
    protected abstract ITestDatabases Databases { get; }
    private FakeTimeProvider Clock => _h.Clock;
    private WorkflowRuntime Runtime => _h.Runtime;

    public async Task InitializeAsync() => _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0));

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    private static JsonObject Set(string variable, JsonNode value) => new() { ["variable"] = variable, ["value"] = value };
    private static JsonObject Inc(string variable) => Set(variable, Expr($"vars.{variable} + 1"));

    private async Task CompleteAsync(Guid instanceId, string activityId, string outcome, JsonObject? data = null) =>
        await Runtime.CompleteTaskAsync((await _h.OpenTaskAsync(instanceId, activityId)).Id, outcome, data, "tester");

    private async Task<IReadOnlyList<HumanTask>> TasksAsync(Guid instanceId) => await _h.Store.ListTasksAsync(new TaskQuery(InstanceId: instanceId));

    // ------------------------------------------------------------------ join modes

    [Fact]
    public async Task JoinFirst_FiresOnce_EvenWhenBranchesDoNotWait_AndCancelsTheOtherPaths()
    {
        await _h.PublishAsync(new FlowBuilder("first-auto").Var("n", "number", 0).Act("start", "xf.Start")
            .Act("fork", "xf.Fork", new JsonObject { ["branches"] = Arr("a", "b", "c") })
            .Act("a", "xf.SetVariable", Set("x", 1)).Act("b", "xf.SetVariable", Set("x", 2)).Act("c", "xf.SetVariable", Set("x", 3))
            .Act("join", "xf.Join", new JsonObject { ["mode"] = "first" }).Act("count", "xf.SetVariable", Inc("n")).Act("end", "xf.End")
            .Var("x", "number").Chain("start", "fork").Link("fork", "a", "a").Link("fork", "b", "b").Link("fork", "c", "c")
            .Chain("a", "join").Chain("b", "join").Chain("c", "join").Chain("join", "count", "end"));
        var auto = await Runtime.StartAsync(new StartRequest("first-auto"));
        var stored = await _h.InstanceAsync(auto.Id);
        Assert.Equal(WorkflowStatus.Finished, stored.Status);
        Assert.Equal(1, stored.Variables["n"]!.GetValue<int>());

        await _h.PublishAsync(new FlowBuilder("first-wait").Act("start", "xf.Start").Act("fork", "xf.Fork", new JsonObject { ["branches"] = Arr("a", "b") })
            .Task("ta", "Dispatcher", "ok").Task("tb", "Dispatcher", "ok").Act("join", "xf.Join", new JsonObject { ["mode"] = "first" }).Act("end", "xf.End")
            .Chain("start", "fork").Link("fork", "a", "ta").Link("fork", "b", "tb").Link("ta", "ok", "join").Link("tb", "ok", "join").Chain("join", "end"));
        var waiting = await Runtime.StartAsync(new StartRequest("first-wait"));
        await CompleteAsync(waiting.Id, "ta", "ok");
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(waiting.Id)).Status);
        Assert.Equal(HumanTaskStatus.Cancelled, (await TasksAsync(waiting.Id)).Single(t => t.ActivityId == "tb").Status);
    }

    [Fact]
    public async Task JoinDiscriminator_FirstArrivalContinues_LaterArrivalsAreAbsorbedWithoutCancelling()
    {
        await _h.PublishAsync(new FlowBuilder("discriminator").Var("n", "number", 0).Act("start", "xf.Start")
            .Act("fork", "xf.Fork", new JsonObject { ["branches"] = Arr("a", "b") })
            .Task("ta", "Dispatcher", "ok").Task("tb", "Dispatcher", "ok")
            .Act("join", "xf.Join", new JsonObject { ["mode"] = "discriminator" }).Act("count", "xf.SetVariable", Inc("n"))
            .Task("after", "Dispatcher", "ok").Act("end", "xf.End")
            .Chain("start", "fork").Link("fork", "a", "ta").Link("fork", "b", "tb").Link("ta", "ok", "join").Link("tb", "ok", "join")
            .Chain("join", "count", "after").Link("after", "ok", "end"));
        var i = await Runtime.StartAsync(new StartRequest("discriminator"));
        await CompleteAsync(i.Id, "ta", "ok");
        var afterFirst = await _h.InstanceAsync(i.Id);
        Assert.Equal(1, afterFirst.Variables["n"]!.GetValue<int>());
        Assert.Equal(HumanTaskStatus.Open, (await _h.OpenTaskAsync(i.Id, "tb")).Status);   // not cancelled
        await CompleteAsync(i.Id, "tb", "ok");
        var afterSecond = await _h.InstanceAsync(i.Id);
        Assert.Equal(1, afterSecond.Variables["n"]!.GetValue<int>());                      // absorbed
        Assert.Null(afterSecond.ActivityState["join"]);                                      // reset for a loop
        await CompleteAsync(i.Id, "after", "ok");
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(i.Id)).Status);
    }

    private FlowBuilder MultiChoice(string id, string joinMode) => new FlowBuilder(id).Var("amount", "number", 0).Act("start", "xf.Start")
        .Act("choose", "xf.Switch", new JsonObject
        {
            ["mode"] = "all",
            ["cases"] = new JsonArray(
                new JsonObject { ["name"] = "finance", ["condition"] = Expr("vars.amount > 1000") },
                new JsonObject { ["name"] = "legal", ["condition"] = Expr("vars.amount > 1000000") },
                new JsonObject { ["name"] = "it", ["condition"] = true }),
        })
        .Task("tf", "Dispatcher", "ok").Task("tl", "Dispatcher", "ok").Task("ti", "Dispatcher", "ok")
        .Act("join", "xf.Join", new JsonObject { ["mode"] = joinMode }).Act("end", "xf.End")
        .Chain("start", "choose").Link("choose", "finance", "tf").Link("choose", "legal", "tl").Link("choose", "it", "ti").Link("choose", "default", "end")
        .Link("tf", "ok", "join").Link("tl", "ok", "join").Link("ti", "ok", "join").Chain("join", "end");

    [Fact]
    public async Task MultiChoiceSwitch_TakesEveryMatchingCase_SyncJoinWaitsOnlyForTheActivatedBranches()
    {
        await _h.PublishAsync(MultiChoice("multi-sync", "sync"));
        var i = await Runtime.StartAsync(new StartRequest("multi-sync", new JsonObject { ["amount"] = 5000 }));
        Assert.Equal(["tf", "ti"], (await TasksAsync(i.Id)).Select(t => t.ActivityId).Order().ToArray());   // finance and IT, not legal
        await CompleteAsync(i.Id, "tf", "ok");
        Assert.Equal(WorkflowStatus.Waiting, (await _h.InstanceAsync(i.Id)).Status);   // IT is still active upstream
        await CompleteAsync(i.Id, "ti", "ok");
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(i.Id)).Status);
    }

    [Fact]
    public async Task SyncJoin_FiresWhenTheOtherActivatedBranchEndsElsewhere()
    {
        await _h.PublishAsync(new FlowBuilder("sync-elsewhere").Var("done", "boolean", false).Act("start", "xf.Start")
            .Act("fork", "xf.Fork", new JsonObject { ["branches"] = Arr("a", "b") })
            .Task("ta", "Dispatcher", "ok").Task("tb", "Dispatcher", "ok", "skip").Act("endB", "xf.End")
            .Act("join", "xf.Join", new JsonObject { ["mode"] = "sync" }).Act("mark", "xf.SetVariable", Set("done", true)).Task("after", "Dispatcher", "ok").Act("end", "xf.End")
            .Chain("start", "fork").Link("fork", "a", "ta").Link("fork", "b", "tb").Link("ta", "ok", "join").Link("tb", "ok", "join").Link("tb", "skip", "endB")
            .Chain("join", "mark", "after").Link("after", "ok", "end"));
        var i = await Runtime.StartAsync(new StartRequest("sync-elsewhere"));
        await CompleteAsync(i.Id, "ta", "ok");
        Assert.False((await _h.InstanceAsync(i.Id)).Variables["done"]!.GetValue<bool>());
        await CompleteAsync(i.Id, "tb", "skip");   // branch B leaves by another way: nothing upstream is alive any more
        Assert.True((await _h.InstanceAsync(i.Id)).Variables["done"]!.GetValue<bool>());
        await _h.OpenTaskAsync(i.Id, "after");
    }

    [Fact]
    public async Task AnInstanceThatCanNoLongerProgress_RaisesAnIncidentNamingTheJoin_InsteadOfFinishing()
    {
        await _h.PublishAsync(MultiChoice("multi-all", "all"));
        var i = await Runtime.StartAsync(new StartRequest("multi-all", new JsonObject { ["amount"] = 5000 }));
        await CompleteAsync(i.Id, "tf", "ok");
        await CompleteAsync(i.Id, "ti", "ok");   // 'legal' was never activated: an AND-join waits for it forever
        var stored = await _h.InstanceAsync(i.Id);
        Assert.Equal(WorkflowStatus.Faulted, stored.Status);
        var incident = Assert.Single(await _h.Store.GetIncidentsAsync(i.Id));
        Assert.Equal("join", incident.ActivityId);
        Assert.Contains("can no longer arrive", incident.Message);
        Assert.DoesNotContain(await _h.Store.GetJournalAsync(i.Id), j => j.Kind == JournalKind.InstanceFinished);
    }

    // ------------------------------------------------------------------ cancellation reaches children

    private async Task PublishChainOfChildrenAsync()
    {
        await _h.PublishAsync(new FlowBuilder("grandchild").Act("start", "xf.Start").Task("deep", "Dispatcher", "ok").Act("end", "xf.End")
            .Chain("start", "deep").Link("deep", "ok", "end"));
        await _h.PublishAsync(new FlowBuilder("child").Act("start", "xf.Start").Act("sub", "xf.SubWorkflow", new JsonObject { ["definitionId"] = "grandchild" })
            .Act("end", "xf.End").Chain("start", "sub", "end"));
    }

    [Fact]
    public async Task CancellingAnInstance_CancelsTheSubWorkflowsItWaitsFor_Recursively_InOneTransaction()
    {
        await PublishChainOfChildrenAsync();
        await _h.PublishAsync(new FlowBuilder("parent").Act("start", "xf.Start").Act("sub", "xf.SubWorkflow", new JsonObject { ["definitionId"] = "child" })
            .Act("end", "xf.End").Chain("start", "sub", "end"));
        var parent = await Runtime.StartAsync(new StartRequest("parent"));
        var child = Assert.Single(await _h.Store.ListInstancesAsync(new InstanceQuery("child")));
        var grandchild = Assert.Single(await _h.Store.ListInstancesAsync(new InstanceQuery("grandchild")));
        Assert.Equal(HumanTaskStatus.Open, (await _h.OpenTaskAsync(grandchild.Id, "deep")).Status);

        _h.Commits.Reset();
        await Runtime.CancelAsync(parent.Id, "admin");
        Assert.Equal(1, _h.Commits.Total);
        Assert.Equal(WorkflowStatus.Cancelled, (await _h.InstanceAsync(child.Id)).Status);
        Assert.Equal(WorkflowStatus.Cancelled, (await _h.InstanceAsync(grandchild.Id)).Status);
        Assert.Equal(HumanTaskStatus.Cancelled, Assert.Single(await TasksAsync(grandchild.Id)).Status);
        Assert.Contains(await _h.Store.GetJournalAsync(parent.Id), j => j.Kind == JournalKind.ChildCancelled && j.Data!["child"]!.GetValue<string>() == child.Id.ToString());
        Assert.Contains(await _h.Store.GetJournalAsync(grandchild.Id), j => j.Kind == JournalKind.InstanceCancelled && j.Data?["parent"] is not null);
    }

    [Fact]
    public async Task AnEndWithTerminate_CancelsTheSubWorkflowsStillRunning()
    {
        await PublishChainOfChildrenAsync();
        await _h.PublishAsync(new FlowBuilder("terminating").Act("start", "xf.Start").Act("fork", "xf.Fork", new JsonObject { ["branches"] = Arr("work", "stop") })
            .Act("sub", "xf.SubWorkflow", new JsonObject { ["definitionId"] = "child" }).Act("end", "xf.End")
            .Task("abort", "Dispatcher", "abort").Act("kill", "xf.End", new JsonObject { ["terminate"] = true })
            .Chain("start", "fork").Link("fork", "work", "sub").Chain("sub", "end").Link("fork", "stop", "abort").Link("abort", "abort", "kill"));
        var parent = await Runtime.StartAsync(new StartRequest("terminating"));
        await CompleteAsync(parent.Id, "abort", "abort");
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(parent.Id)).Status);
        Assert.All(await _h.Store.ListInstancesAsync(new InstanceQuery()), i => Assert.NotEqual(WorkflowStatus.Waiting, i.Status));
        var grandchild = Assert.Single(await _h.Store.ListInstancesAsync(new InstanceQuery("grandchild")));
        Assert.Equal(HumanTaskStatus.Cancelled, Assert.Single(await TasksAsync(grandchild.Id)).Status);
    }

    // ------------------------------------------------------------------ multiple instances

    private async Task PublishItemFlowAsync() =>
        await _h.PublishAsync(new FlowBuilder("per-unit").Var("item", "string").Var("index", "number").Act("start", "xf.Start")
            .Act("check", "xf.UserTask", new JsonObject { ["title"] = Expr("'巡检 ' + vars.item"), ["role"] = "Technician", ["outcomes"] = Arr("ok") })
            .Act("end", "xf.End").Chain("start", "check").Link("check", "ok", "end"));

    [Fact]
    public async Task ForEach_StartsOneChildPerItem_AndWaitsForAll()
    {
        await PublishItemFlowAsync();
        await _h.PublishAsync(new FlowBuilder("inspect-all").Var("units", "array").Var("results", "array").Act("start", "xf.Start")
            .Act("each", "xf.ForEach", new JsonObject { ["items"] = Expr("vars.units"), ["definitionId"] = "per-unit", ["resultVariable"] = "results" })
            .Act("end", "xf.End").Chain("start", "each", "end"));
        var parent = await Runtime.StartAsync(new StartRequest("inspect-all", new JsonObject { ["units"] = new JsonArray("财政局", "教育局", "卫健委") }));
        var children = await _h.Store.ListInstancesAsync(new InstanceQuery("per-unit"));
        Assert.Equal(3, children.Count);
        foreach (var child in children.Take(2)) await CompleteAsync(child.Id, "check", "ok");
        Assert.Equal(WorkflowStatus.Waiting, (await _h.InstanceAsync(parent.Id)).Status);
        await CompleteAsync(children[2].Id, "check", "ok");
        var done = await _h.InstanceAsync(parent.Id);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal(3, done.Variables["results"]!.AsArray().Count);
        Assert.Equal(["巡检 卫健委", "巡检 教育局", "巡检 财政局"], (await _h.Store.ListTasksAsync(new TaskQuery(Roles: ["Technician"]))).Select(t => t.Title).Order().ToArray());
    }

    [Fact]
    public async Task ForEach_WaitingForN_CancelsTheRemainingChildren()
    {
        await PublishItemFlowAsync();
        await _h.PublishAsync(new FlowBuilder("inspect-two").Var("units", "array").Act("start", "xf.Start")
            .Act("each", "xf.ForEach", new JsonObject { ["items"] = Expr("vars.units"), ["definitionId"] = "per-unit", ["waitFor"] = "count", ["count"] = 2 })
            .Act("end", "xf.End").Chain("start", "each", "end"));
        var parent = await Runtime.StartAsync(new StartRequest("inspect-two", new JsonObject { ["units"] = new JsonArray("a", "b", "c", "d") }));
        var children = await _h.Store.ListInstancesAsync(new InstanceQuery("per-unit"));
        Assert.Equal(4, children.Count);
        await CompleteAsync(children[0].Id, "check", "ok");
        await CompleteAsync(children[1].Id, "check", "ok");
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(parent.Id)).Status);
        foreach (var child in children.Skip(2))
        {
            Assert.Equal(WorkflowStatus.Cancelled, (await _h.InstanceAsync(child.Id)).Status);
            Assert.Equal(HumanTaskStatus.Cancelled, Assert.Single(await TasksAsync(child.Id)).Status);
        }
    }

    // ------------------------------------------------------------------ persistent signals

    private FlowBuilder PaymentFlow(string id) => new FlowBuilder(id).Var("payment", "object").Act("start", "xf.Start")
        .Task("prepare", "Dispatcher", "ok")
        .Act("paid", "xf.Signal", new JsonObject { ["signal"] = "paid", ["resultVariable"] = "payment" })
        .Act("paidAgain", "xf.Signal", new JsonObject { ["signal"] = "paid" })
        .Act("end", "xf.End").Chain("start", "prepare").Link("prepare", "ok", "paid").Chain("paid", "paidAgain", "end");

    [Fact]
    public async Task ASignalSentBeforeTheWait_IsKeptWithATimeToLive_AndConsumedExactlyOnce()
    {
        await _h.PublishAsync(PaymentFlow("payment"));
        var i = await Runtime.StartAsync(new StartRequest("payment"));
        var dropped = await Runtime.SendSignalAsync("paid", i.Id, null, "bank", keepFor: null);
        Assert.Equal(new SignalResult(0, false), dropped);                       // without keepFor: nothing waits, nothing kept (and it says so)
        var kept = await Runtime.SendSignalAsync("paid", i.Id, new JsonObject { ["amount"] = 800 }, "bank", TimeSpan.FromHours(1));
        Assert.True(kept.Kept);
        Assert.Equal(T0.AddHours(1), kept.KeptUntil);

        await CompleteAsync(i.Id, "prepare", "ok");
        var stored = await _h.InstanceAsync(i.Id);
        Assert.Equal(800, stored.Variables["payment"]!["amount"]!.GetValue<int>());   // taken by the first wait at once
        Assert.Equal("paidAgain", Assert.Single(stored.Bookmarks).ActivityId);           // not by the second: exactly once
        Assert.Equal(1, (await Runtime.SendSignalAsync("paid", i.Id, null, "bank", TimeSpan.FromHours(1))).Resumed);
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(i.Id)).Status);
    }

    [Fact]
    public async Task AKeptSignal_ExpiresAfterItsTimeToLive()
    {
        await _h.PublishAsync(PaymentFlow("payment-late"));
        var i = await Runtime.StartAsync(new StartRequest("payment-late"));
        await Runtime.SendSignalAsync("paid", i.Id, null, "bank", TimeSpan.FromMinutes(5));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await CompleteAsync(i.Id, "prepare", "ok");
        Assert.Equal("paid", Assert.Single((await _h.InstanceAsync(i.Id)).Bookmarks).ActivityId);
        await Assert.ThrowsAsync<InvalidInputException>(() => Runtime.SendSignalAsync("paid", i.Id, null, "bank", TimeSpan.FromDays(365)));
    }

    // ------------------------------------------------------------------ task deadlines and withdrawal

    private FlowBuilder DeadlineFlow(string id) => new FlowBuilder(id).Var("late", "boolean", false).Var("why", "object").Act("start", "xf.Start")
        .Act("review", "xf.UserTask", new JsonObject { ["title"] = "审核", ["role"] = "Dispatcher", ["outcomes"] = Arr("ok"), ["dueIn"] = "PT1H" })
        .Act("markLate", "xf.SetVariable", Set("late", true)).Task("escalated", "EnterpriseManager", "ok").Act("end", "xf.End")
        .Chain("start", "review").Link("review", "ok", "end").Link("review", "overdue", "markLate").Chain("markLate", "escalated").Link("escalated", "ok", "end")
        .Link("review", "withdrawn", "end");

    [Fact]
    public async Task ATaskDeadline_RoutesTheFlowAlongOverdue_AndATaskDoneInTimeLeavesNoTimerBehind()
    {
        await _h.PublishAsync(DeadlineFlow("deadline"));
        var late = await Runtime.StartAsync(new StartRequest("deadline"));
        Clock.Advance(TimeSpan.FromMinutes(61));
        while (await Runtime.DrainTimersAsync() > 0) { }
        Assert.True((await _h.InstanceAsync(late.Id)).Variables["late"]!.GetValue<bool>());
        Assert.Equal(HumanTaskStatus.Cancelled, (await TasksAsync(late.Id)).Single(t => t.ActivityId == "review").Status);
        await _h.OpenTaskAsync(late.Id, "escalated");

        var onTime = await Runtime.StartAsync(new StartRequest("deadline"));
        await CompleteAsync(onTime.Id, "review", "ok");
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(onTime.Id)).Status);
        Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await Runtime.DrainTimersAsync());
    }

    [Fact]
    public async Task AnAdministratorWithdrawsATask_WithAReason_AndTheFlowTakesTheWithdrawnPort()
    {
        await _h.PublishAsync(DeadlineFlow("withdraw"));
        var i = await Runtime.StartAsync(new StartRequest("withdraw"));
        var task = await _h.OpenTaskAsync(i.Id, "review");
        await Runtime.WithdrawTaskAsync(task.Id, "申请人撤回请求", "admin");
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(i.Id)).Status);
        Assert.Equal(HumanTaskStatus.Cancelled, Assert.Single(await TasksAsync(i.Id)).Status);
        var line = Assert.Single(await _h.Store.GetJournalAsync(i.Id), j => j.Kind == JournalKind.TaskWithdrawn);
        Assert.Equal("申请人撤回请求", line.Data!["reason"]!.GetValue<string>());
        Assert.Equal("admin", line.User);
        await Assert.ThrowsAsync<TaskAlreadyCompletedException>(() => Runtime.CompleteTaskAsync(task.Id, "ok", null, "late-user"));
        Assert.Equal(0, await Runtime.DrainTimersAsync());
    }
}

/// <summary>BEY-2: the heat map's figures from the journal, on a real database.</summary>
public abstract class HeatMapTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private EngineHarness _h = null!;
    protected abstract ITestDatabases Databases { get; }

    public async Task InitializeAsync() => _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0));

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    [Fact]
    public async Task CountsInstancesAndRunsPerActivity_MedianAndP90Waits_AndTheConnectionsTaken()
    {
        await _h.PublishAsync(new FlowBuilder("heat").Act("start", "xf.Start").Task("review", "Dispatcher", "ok", "no").Act("end", "xf.End")
            .Chain("start", "review").Link("review", "ok", "end").Link("review", "no", "end"));
        var waits = new[] { 10, 20, 30, 40, 100 };   // minutes each instance waits at the review
        var started = new List<Guid>();
        foreach (var _ in waits) started.Add((await _h.Runtime.StartAsync(new StartRequest("heat"))).Id);
        var elapsed = 0;
        foreach (var (minutes, i) in waits.Select((m, i) => (m, i)))
        {
            _h.Clock.Advance(TimeSpan.FromMinutes(minutes - elapsed));
            elapsed = minutes;
            await _h.Runtime.CompleteTaskAsync((await _h.OpenTaskAsync(started[i])).Id, i == 0 ? "no" : "ok", null, "tester");
        }
        var stats = _h.Services.GetRequiredService<XinchuangFlow.Application.Audit.IWorkflowStatistics>();
        var (activities, connections, total) = await stats.HeatAsync("heat", 1, T0.AddHours(-1), T0.AddHours(1));
        Assert.Equal(5, total);
        var review = Assert.Single(activities, a => a.ActivityId == "review");
        Assert.Equal(5, review.Instances);
        Assert.Equal(5, review.Waits);
        Assert.Equal(TimeSpan.FromMinutes(30), review.MedianWait);
        Assert.Equal(TimeSpan.FromMinutes(100), review.P90Wait);
        Assert.Equal(4, Assert.Single(connections, c => c.From == "review" && c.Port == "ok").Count);
        Assert.Equal(1, Assert.Single(connections, c => c.From == "review" && c.Port == "no").Count);
        Assert.Equal(0, (await stats.HeatAsync("heat", 1, T0.AddHours(2), T0.AddHours(3))).Instances);
    }
}

public sealed class SqliteHeatMapTests : HeatMapTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlHeatMapTests : HeatMapTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}

public sealed class SqliteWorkflowPatternTests : WorkflowPatternTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlWorkflowPatternTests : WorkflowPatternTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
