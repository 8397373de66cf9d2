using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Engine.Validation;
using XinchuangFlow.Infrastructure.Tests.Support;
using static XinchuangFlow.Infrastructure.Tests.Support.FlowBuilder;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// The engine's behaviour against a real database. One subclass per provider runs every test
/// (SQLite and PostgreSQL).
/// </summary>
public abstract class EngineContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private readonly List<EngineHarness> _harnesses = [];
    protected abstract ITestDatabases Databases { get; }
    protected string ConnectionString { get; private set; } = "";
    protected FakeTimeProvider Clock { get; } = new(T0);

    public async Task InitializeAsync() => ConnectionString = await Databases.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var h in _harnesses) await h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    protected async Task<EngineHarness> StartAsync(bool scheduler = false, Action<IServiceCollection>? configure = null, FakeTimeProvider? clock = null)
    {
        var h = await EngineHarness.StartAsync(Databases.Provider, ConnectionString, clock ?? Clock, scheduler, configure);
        _harnesses.Add(h);
        return h;
    }

    private static FlowBuilder TwoAutoStepsThenTask(string id = "five-step") => new FlowBuilder(id)
        .Var("a", "number", 0).Var("b", "string").Var("review", "object")
        .Act("start", "xf.Start")
        .Act("setA", "xf.SetVariable", new JsonObject { ["variable"] = "a", ["value"] = Expr("vars.a + 41") })
        .Act("setB", "xf.SetVariable", new JsonObject { ["variable"] = "b", ["value"] = "受理" })
        .Act("review", "xf.UserTask", new JsonObject
        {
            ["title"] = Expr("'审核 ' + vars.a"),
            ["role"] = "Dispatcher",
            ["outcomes"] = Arr("approve", "reject"),
            ["resultVariable"] = "review",
            ["form"] = new JsonArray(new JsonObject { ["name"] = "comment", ["type"] = "text", ["required"] = true }, new JsonObject { ["name"] = "score", ["type"] = "number" }),
        })
        .Act("after1", "xf.SetVariable", new JsonObject { ["variable"] = "a", ["value"] = Expr("vars.a + 1") })
        .Act("after2", "xf.SetVariable", new JsonObject { ["variable"] = "b", ["value"] = Expr("vars.review.comment") })
        .Act("end", "xf.End")
        .Chain("start", "setA", "setB", "review")
        .Link("review", "approve", "after1").Link("review", "reject", "end")
        .Chain("after1", "after2", "end");

    // ------------------------------------------------------------------ ENG-4 bursts

    [Fact]
    public async Task Start_TwoAutomaticStepsThenUserTask_WaitsAfterOneCommit()
    {
        var h = await StartAsync();
        await h.PublishAsync(TwoAutoStepsThenTask());
        h.Commits.Reset();
        var instance = await h.Runtime.StartAsync(new StartRequest("five-step", new JsonObject { ["a"] = 1 }, User: "alice"));

        Assert.Equal(1, h.Commits.Total);
        var stored = await h.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Waiting, stored.Status);
        Assert.Equal(42, stored.Variables["a"]!.GetValue<int>());
        Assert.Equal("受理", stored.Variables["b"]!.GetValue<string>());
        var task = await h.OpenTaskAsync(instance.Id, "review");
        Assert.Equal("审核 42", task.Title);
        Assert.Equal("Dispatcher", task.AssigneeRole);
        Assert.Equal(["approve", "reject"], task.Outcomes.Select(o => o.Key));
    }

    [Fact]
    public async Task CompleteTask_RunsToEndInOneCommit_JournalRecordsWhoAndWhat()
    {
        var h = await StartAsync();
        await h.PublishAsync(TwoAutoStepsThenTask());
        var instance = await h.Runtime.StartAsync(new StartRequest("five-step"));
        var task = await h.OpenTaskAsync(instance.Id);
        Clock.Advance(TimeSpan.FromMinutes(5));
        h.Commits.Reset();
        await h.Runtime.CompleteTaskAsync(task.Id, "approve", new JsonObject { ["comment"] = "同意", ["score"] = 5 }, "bob");

        Assert.Equal(1, h.Commits.Total);
        var stored = await h.InstanceAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, stored.Status);
        Assert.Equal("同意", stored.Variables["b"]!.GetValue<string>());
        Assert.Equal(42, stored.Variables["a"]!.GetValue<int>());
        var done = (await h.Store.FindTaskAsync(task.Id))!;
        Assert.Equal(HumanTaskStatus.Completed, done.Status);
        Assert.Equal("bob", done.CompletedBy);
        Assert.Equal(T0.AddMinutes(5), done.CompletedAt);

        var journal = await h.Store.GetJournalAsync(instance.Id);
        var executed = journal.Where(j => j.Kind is JournalKind.ActivityExecuted or JournalKind.ActivityResumed).Select(j => j.ActivityId).ToList();
        Assert.Equal(["start", "setA", "setB", "review", "after1", "after2", "end"], executed);
        var completion = Assert.Single(journal, j => j.Kind == JournalKind.TaskCompleted);
        Assert.Equal("bob", completion.User);
        Assert.Equal("approve", completion.Outcome);
        Assert.Equal(T0, completion.StartedAt);
        Assert.Equal(T0.AddMinutes(5), completion.EndedAt);
        var change = Assert.Single(journal, j => j.Kind == JournalKind.VariableChanged && j.ActivityId == "after2");
        Assert.Equal("b", change.Data!["name"]!.GetValue<string>());
        Assert.Equal("受理", change.Data!["old"]!.GetValue<string>());
        Assert.Equal("同意", change.Data!["new"]!.GetValue<string>());
        Assert.Contains(journal, j => j.Kind == JournalKind.InstanceFinished);
    }

    [Fact]
    public async Task CompleteTask_UnknownOutcomeOrInvalidForm_RejectedAndNothingChanges()
    {
        var h = await StartAsync();
        await h.PublishAsync(TwoAutoStepsThenTask());
        var instance = await h.Runtime.StartAsync(new StartRequest("five-step"));
        var task = await h.OpenTaskAsync(instance.Id);

        var outcome = await Assert.ThrowsAsync<InvalidInputException>(() => h.Runtime.CompleteTaskAsync(task.Id, "maybe", new JsonObject { ["comment"] = "x" }, "bob"));
        Assert.Contains("maybe", outcome.Message);
        var form = await Assert.ThrowsAsync<InvalidInputException>(() => h.Runtime.CompleteTaskAsync(task.Id, "approve", new JsonObject { ["score"] = "five", ["extra"] = 1 }, "bob"));
        Assert.Contains(form.Messages, e => e.Contains("comment") && e.Contains("required"));
        Assert.Contains(form.Messages, e => e.Contains("score") && e.Contains("number"));
        Assert.Contains(form.Messages, e => e.Contains("extra"));

        Assert.Equal(HumanTaskStatus.Open, (await h.Store.FindTaskAsync(task.Id))!.Status);
        Assert.Equal(WorkflowStatus.Waiting, (await h.InstanceAsync(instance.Id)).Status);
    }

    // ------------------------------------------------------------------ ENG-8 concurrency

    [Fact]
    public async Task CompleteTask_TwoAgentsAtOnce_ExactlyOneWins()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("double").Act("start", "xf.Start").Task("t1", "Dispatcher", "ok").Task("t2", "Dispatcher", "ok").Act("end", "xf.End")
            .Chain("start", "t1").Link("t1", "ok", "t2").Link("t2", "ok", "end"));
        for (var round = 0; round < 5; round++)
        {
            var instance = await h.Runtime.StartAsync(new StartRequest("double"));
            var task = await h.OpenTaskAsync(instance.Id);
            var attempts = new[] { "agent-a", "agent-b" }.Select(user => Task.Run(async () =>
            {
                try { await h.Runtime.CompleteTaskAsync(task.Id, "ok", null, user); return "won"; }
                catch (TaskAlreadyCompletedException) { return "already"; }
            })).ToList();
            var results = await Task.WhenAll(attempts);
            Assert.Equal(1, results.Count(r => r == "won"));
            Assert.Equal(1, results.Count(r => r == "already"));
            var journal = await h.Store.GetJournalAsync(instance.Id);
            Assert.Single(journal, j => j.Kind == JournalKind.TaskCompleted);
            Assert.Single(await h.Store.ListTasksAsync(new TaskQuery(InstanceId: instance.Id, Status: HumanTaskStatus.Open)));
        }
    }

    [Fact]
    public async Task GroupCommit_ConcurrentBurstsShareTransactions_AndAFailedGuardOnlyFailsItsOwnCaller()
    {
        var h = await StartAsync();
        await h.PublishAsync(TwoAutoStepsThenTask());
        h.Commits.Reset();
        var started = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => h.Runtime.StartAsync(new StartRequest("five-step", new JsonObject { ["a"] = i })))));
        Assert.Equal(40, started.Select(i => i.Id).Distinct().Count());
        Assert.True(h.Commits.Total < 40, $"{h.Commits.Total} commits for 40 concurrent starts: none were grouped");
        foreach (var i in started) Assert.Equal(WorkflowStatus.Waiting, (await h.InstanceAsync(i.Id)).Status);

        // Twenty completions at once, one task completed twice: its second completion fails alone.
        var tasks = new List<HumanTask>();
        foreach (var i in started.Take(20)) tasks.Add(await h.OpenTaskAsync(i.Id));
        var attempts = tasks.Select(t => (t.Id, "agent")).Append((tasks[0].Id, "rival")).ToList();
        var results = await Task.WhenAll(attempts.Select(a => Task.Run(async () =>
        {
            try { await h.Runtime.CompleteTaskAsync(a.Item1, "approve", new JsonObject { ["comment"] = a.Item2 }, a.Item2); return "ok"; }
            catch (TaskAlreadyCompletedException) { return "already"; }
        })));
        Assert.Equal(20, results.Count(r => r == "ok"));
        Assert.Equal(1, results.Count(r => r == "already"));
        foreach (var t in tasks) Assert.Equal(WorkflowStatus.Finished, (await h.InstanceAsync(t.InstanceId)).Status);
    }

    [Fact]
    public async Task GroupCommit_TwoNodesCompletingTheSameTasksInOppositeOrder_AnswerOneWinnerAndOneRefusalEach()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        await a.PublishAsync(TwoAutoStepsThenTask());
        var started = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => a.Runtime.StartAsync(new StartRequest("five-step", new JsonObject { ["a"] = i }))));
        var tasks = new List<HumanTask>();
        foreach (var i in started) tasks.Add(await a.OpenTaskAsync(i.Id));

        // Each node completes every task, one in order and the other in reverse, so grouped transactions meet rows in
        // opposite orders: each task has one winner and one "already completed" — never a database error.
        async Task<string> CompleteAsync(EngineHarness node, Guid task, string who)
        {
            try { await node.Runtime.CompleteTaskAsync(task, "approve", new JsonObject { ["comment"] = who }, who); return "ok"; }
            catch (TaskAlreadyCompletedException) { return "already"; }
        }
        var onA = tasks.Select(t => Task.Run(() => CompleteAsync(a, t.Id, "a")));
        var onB = Enumerable.Reverse(tasks).Select(t => Task.Run(() => CompleteAsync(b, t.Id, "b")));
        var results = await Task.WhenAll(onA.Concat(onB));
        Assert.Equal(60, results.Count(r => r == "ok"));
        Assert.Equal(60, results.Count(r => r == "already"));
        foreach (var t in tasks) Assert.Equal(WorkflowStatus.Finished, (await a.InstanceAsync(t.InstanceId)).Status);
    }

    [Fact]
    public async Task CompleteTask_AlreadyCompleted_ClearError()
    {
        var h = await StartAsync();
        await h.PublishAsync(TwoAutoStepsThenTask());
        var instance = await h.Runtime.StartAsync(new StartRequest("five-step"));
        var task = await h.OpenTaskAsync(instance.Id);
        await h.Runtime.CompleteTaskAsync(task.Id, "reject", new JsonObject { ["comment"] = "no" }, "bob");
        var ex = await Assert.ThrowsAsync<TaskAlreadyCompletedException>(() => h.Runtime.CompleteTaskAsync(task.Id, "reject", new JsonObject { ["comment"] = "no" }, "carol"));
        Assert.Contains("already been completed", ex.Message);
    }

    // ------------------------------------------------------------------ ENG-5 activities

    [Fact]
    public async Task DecisionAndSwitch_RouteByExpression()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("route").Var("amount", "number", 0).Var("path", "string")
            .Act("start", "xf.Start")
            .Act("big", "xf.Decision", new JsonObject { ["condition"] = Expr("vars.amount > 1000") })
            .Act("grade", "xf.Switch", new JsonObject
            {
                ["cases"] = new JsonArray(
                    new JsonObject { ["name"] = "tiny", ["condition"] = Expr("vars.amount < 10") },
                    new JsonObject { ["name"] = "mid", ["condition"] = Expr("vars.amount < 500") }),
            })
            .Act("pBig", "xf.SetVariable", new JsonObject { ["variable"] = "path", ["value"] = "big" })
            .Act("pTiny", "xf.SetVariable", new JsonObject { ["variable"] = "path", ["value"] = "tiny" })
            .Act("pMid", "xf.SetVariable", new JsonObject { ["variable"] = "path", ["value"] = "mid" })
            .Act("pDefault", "xf.SetVariable", new JsonObject { ["variable"] = "path", ["value"] = "default" })
            .Act("end", "xf.End")
            .Chain("start", "big").Link("big", "true", "pBig").Link("big", "false", "grade")
            .Link("grade", "tiny", "pTiny").Link("grade", "mid", "pMid").Link("grade", "default", "pDefault")
            .Chain("pBig", "end").Chain("pTiny", "end").Chain("pMid", "end").Chain("pDefault", "end"));
        foreach (var (amount, path) in new[] { (5000, "big"), (5, "tiny"), (100, "mid"), (800, "default") })
        {
            var i = await h.Runtime.StartAsync(new StartRequest("route", new JsonObject { ["amount"] = amount }));
            var stored = await h.InstanceAsync(i.Id);
            Assert.Equal(WorkflowStatus.Finished, stored.Status);
            Assert.Equal(path, stored.Variables["path"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ForkJoinAll_ContinuesOnlyWhenBothBranchesArrive()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("fork-all").Act("start", "xf.Start")
            .Act("fork", "xf.Fork", new JsonObject { ["branches"] = Arr("left", "right") })
            .Task("tl", "Dispatcher", "ok").Task("tr", "Technician", "ok")
            .Act("join", "xf.Join", new JsonObject { ["mode"] = "all" })
            .Task("after", "Dispatcher", "ok").Act("end", "xf.End")
            .Chain("start", "fork").Link("fork", "left", "tl").Link("fork", "right", "tr")
            .Link("tl", "ok", "join").Link("tr", "ok", "join").Link("join", "done", "after").Link("after", "ok", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("fork-all"));
        var tasks = await h.Store.ListTasksAsync(new TaskQuery(InstanceId: i.Id, Status: HumanTaskStatus.Open));
        Assert.Equal(2, tasks.Count);
        await h.Runtime.CompleteTaskAsync(tasks.Single(t => t.ActivityId == "tl").Id, "ok", null, "u");
        Assert.Empty(await h.Store.ListTasksAsync(new TaskQuery(InstanceId: i.Id, Status: HumanTaskStatus.Open)).ContinueWith(t => t.Result.Where(x => x.ActivityId == "after").ToList()));
        await h.Runtime.CompleteTaskAsync(tasks.Single(t => t.ActivityId == "tr").Id, "ok", null, "u");
        await h.OpenTaskAsync(i.Id, "after");
    }

    [Fact]
    public async Task NamedBranches_RunByKey_AndTasksCarryTheirEnglishTitle()
    {
        var h = await StartAsync();
        static JsonObject Branch(string key, string name, string nameEn) => new() { ["key"] = key, ["name"] = name, ["nameEn"] = nameEn };
        var flow = new FlowBuilder("named-fork").Var("no", "string").Act("start", "xf.Start")
            .Act("fork", "xf.Fork", new JsonObject { ["branches"] = new JsonArray(Branch("left", "左路", "Left"), Branch("right", "右路", "Right")) })
            .Act("tl", "xf.UserTask", new JsonObject { ["title"] = Expr("'接单：' + vars.no"), ["titleEn"] = Expr("'Accept: ' + vars.no"),
                ["description"] = "说明", ["descriptionEn"] = "Notes", ["role"] = "Dispatcher", ["outcomes"] = Arr("ok") })
            .Act("tr", "xf.UserTask", new JsonObject { ["title"] = "到场", ["role"] = "Technician", ["outcomes"] = Arr("ok") })
            .Act("join", "xf.Join", new JsonObject { ["mode"] = "all" }).Act("end", "xf.End")
            .Chain("start", "fork").Link("fork", "left", "tl").Link("fork", "right", "tr").Link("tl", "ok", "join").Link("tr", "ok", "join").Link("join", "done", "end");
        flow.Model.Activities.Single(a => a.Id == "tr").DisplayNameEn = "On site";
        await h.PublishAsync(flow);
        var i = await h.Runtime.StartAsync(new StartRequest("named-fork", Input: new JsonObject { ["no"] = "GX-1" }));
        var tasks = await h.Store.ListTasksAsync(new TaskQuery(InstanceId: i.Id, Status: HumanTaskStatus.Open));
        var left = tasks.Single(t => t.ActivityId == "tl");
        var right = tasks.Single(t => t.ActivityId == "tr");
        Assert.Equal(("接单：GX-1", "Accept: GX-1", "Accept: GX-1", "接单：GX-1"), (left.Title, left.TitleEn, left.TitleIn(english: true), left.TitleIn(english: false)));
        Assert.Equal(("Notes", "说明"), (left.DescriptionIn(english: true), left.DescriptionIn(english: false)));
        // No English title in the flow: English pages read the step's English name.
        Assert.Equal(("到场", "On site"), (right.TitleIn(english: false), right.TitleIn(english: true)));
        await h.Runtime.CompleteTaskAsync(left.Id, "ok", null, "u");
        await h.Runtime.CompleteTaskAsync(right.Id, "ok", null, "u");
        Assert.Equal(WorkflowStatus.Finished, (await h.InstanceAsync(i.Id)).Status);
    }

    [Fact]
    public async Task JoinAny_DeadlineWins_CancelsTheOtherTask()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("race").Var("winner", "string").Act("start", "xf.Start")
            .Act("fork", "xf.Fork", new JsonObject { ["branches"] = Arr("work", "clock") })
            .Task("work", "Technician", "ok")
            .Act("deadline", "xf.Delay", new JsonObject { ["duration"] = "PT4H" })
            .Act("join", "xf.Join", new JsonObject { ["mode"] = "any" })
            .Act("end", "xf.End")
            .Chain("start", "fork").Link("fork", "work", "work").Link("fork", "clock", "deadline")
            .Link("work", "ok", "join").Link("deadline", "done", "join").Link("join", "done", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("race"));
        var task = await h.OpenTaskAsync(i.Id);
        Assert.Equal(1, await h.CountRowsAsync<Persistence.TimerRow>());

        Clock.Advance(TimeSpan.FromHours(3.9));
        Assert.Equal(0, await h.Runtime.DrainTimersAsync());
        Clock.Advance(TimeSpan.FromHours(0.2));
        Assert.Equal(1, await h.Runtime.DrainTimersAsync());

        Assert.Equal(WorkflowStatus.Finished, (await h.InstanceAsync(i.Id)).Status);
        Assert.Equal(HumanTaskStatus.Cancelled, (await h.Store.FindTaskAsync(task.Id))!.Status);
        Assert.Equal(0, await h.CountRowsAsync<Persistence.TimerRow>());
        await Assert.ThrowsAsync<TaskAlreadyCompletedException>(() => h.Runtime.CompleteTaskAsync(task.Id, "ok", null, "late"));
    }

    [Fact]
    public async Task JoinAny_TaskWins_RemovesTheTimer()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("race2").Act("start", "xf.Start")
            .Act("fork", "xf.Fork", new JsonObject { ["branches"] = Arr("work", "clock") })
            .Task("work", "Technician", "ok")
            .Act("deadline", "xf.Timer", new JsonObject { ["dueAt"] = Expr("new Date(Date.parse(now) + 12*3600*1000).toISOString()") })
            .Act("join", "xf.Join", new JsonObject { ["mode"] = "any" })
            .Act("end", "xf.End")
            .Chain("start", "fork").Link("fork", "work", "work").Link("fork", "clock", "deadline")
            .Link("work", "ok", "join").Link("deadline", "done", "join").Link("join", "done", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("race2"));
        await h.Runtime.CompleteTaskAsync((await h.OpenTaskAsync(i.Id)).Id, "ok", null, "tech");
        Assert.Equal(WorkflowStatus.Finished, (await h.InstanceAsync(i.Id)).Status);
        Assert.Equal(0, await h.CountRowsAsync<Persistence.TimerRow>());
        Clock.Advance(TimeSpan.FromHours(13));
        Assert.Equal(0, await h.Runtime.DrainTimersAsync());
    }

    [Fact]
    public async Task Timer_DueAtFromExpression_FiresAtThatMoment()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("timer").Var("due", "string").Act("start", "xf.Start")
            .Act("wait", "xf.Timer", new JsonObject { ["dueAt"] = Expr("vars.due") })
            .Task("after", "Dispatcher", "ok").Act("end", "xf.End")
            .Chain("start", "wait", "after").Link("after", "ok", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("timer", new JsonObject { ["due"] = T0.AddHours(12).ToString("O") }));
        Clock.Advance(TimeSpan.FromHours(11));
        await h.Runtime.DrainTimersAsync();
        Assert.Empty(await h.Store.ListTasksAsync(new TaskQuery(InstanceId: i.Id)));
        Clock.Advance(TimeSpan.FromHours(1));
        await h.Runtime.DrainTimersAsync();
        await h.OpenTaskAsync(i.Id, "after");
    }

    [Fact]
    public async Task Signal_ResumesOnlyMatchingName_StoresPayload()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("signal").Var("arrival", "object").Act("start", "xf.Start")
            .Act("wait", "xf.Signal", new JsonObject { ["signal"] = "checked-in", ["resultVariable"] = "arrival" })
            .Act("end", "xf.End").Chain("start", "wait", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("signal"));
        Assert.Equal(0, await h.Runtime.SignalAsync("other", i.Id, null, "x"));
        Assert.Equal(WorkflowStatus.Waiting, (await h.InstanceAsync(i.Id)).Status);
        Assert.Equal(1, await h.Runtime.SignalAsync("checked-in", i.Id, new JsonObject { ["lat"] = 22.8 }, "tech"));
        var stored = await h.InstanceAsync(i.Id);
        Assert.Equal(WorkflowStatus.Finished, stored.Status);
        Assert.Equal(22.8, stored.Variables["arrival"]!["lat"]!.GetValue<double>());
        Assert.Equal(0, await h.Runtime.SignalAsync("checked-in", i.Id, null, "tech"));
    }

    [Fact]
    public async Task SendNotification_RecordedWithTheBurst()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("notify").Var("title", "string", "打印机故障").Act("start", "xf.Start")
            .Act("n", "xf.SendNotification", new JsonObject { ["toRole"] = "EnterpriseManager", ["subject"] = Expr("'超时：' + vars.title") })
            .Act("end", "xf.End").Chain("start", "n", "end"));
        h.Commits.Reset();
        var i = await h.Runtime.StartAsync(new StartRequest("notify"));
        Assert.Equal(1, h.Commits.Total);
        var n = Assert.Single(await h.Store.GetNotificationsAsync(i.Id));
        Assert.Equal("超时：打印机故障", n.Subject);
        Assert.Equal("EnterpriseManager", n.ToRole);
    }

    [Fact]
    public async Task SubWorkflow_ParentWaitsForChild_ThenGetsItsVariables()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("vendor-support").Var("answer", "string").Act("start", "xf.Start")
            .Task("help", "ProductVendor", "done").Act("set", "xf.SetVariable", new JsonObject { ["variable"] = "answer", ["value"] = "更换主板" })
            .Act("end", "xf.End").Chain("start", "help").Link("help", "done", "set").Chain("set", "end"));
        await h.PublishAsync(new FlowBuilder("parent").Var("vendor", "object").Var("ticket", "string", "T-1").Act("start", "xf.Start")
            .Act("sub", "xf.SubWorkflow", new JsonObject { ["definitionId"] = "vendor-support", ["input"] = Expr("({ ticket: vars.ticket })"), ["resultVariable"] = "vendor" })
            .Act("end", "xf.End").Chain("start", "sub", "end"));
        var parent = await h.Runtime.StartAsync(new StartRequest("parent"));
        Assert.Equal(WorkflowStatus.Waiting, (await h.InstanceAsync(parent.Id)).Status);
        var children = await h.Store.ListInstancesAsync(new InstanceQuery("vendor-support"));
        var child = Assert.Single(children);
        Assert.Equal(WorkflowStatus.Waiting, child.Status);
        await h.Runtime.CompleteTaskAsync((await h.OpenTaskAsync(child.Id)).Id, "done", null, "vendor");
        var stored = await h.InstanceAsync(parent.Id);
        Assert.Equal(WorkflowStatus.Finished, stored.Status);
        Assert.Equal("更换主板", stored.Variables["vendor"]!["answer"]!.GetValue<string>());
    }

    [Fact]
    public async Task UserTask_AssigneeFromExpression()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("assign").Var("tech", "string").Act("start", "xf.Start")
            .Act("t", "xf.UserTask", new JsonObject { ["title"] = "上门", ["assignee"] = Expr("vars.tech"), ["outcomes"] = Arr("ok"), ["dueIn"] = "PT4H" })
            .Act("end", "xf.End").Chain("start", "t").Link("t", "ok", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("assign", new JsonObject { ["tech"] = "wang@example" }));
        var task = await h.OpenTaskAsync(i.Id);
        Assert.Equal("wang@example", task.AssigneeUser);
        Assert.Equal(T0.AddHours(4), task.DueAt);
        Assert.Single(await h.Store.ListTasksAsync(new TaskQuery(AssigneeUser: "wang@example", Status: HumanTaskStatus.Open)));
        Assert.Empty(await h.Store.ListTasksAsync(new TaskQuery(AssigneeUser: "li@example", Roles: ["Dispatcher"], Status: HumanTaskStatus.Open)));
    }

    // ------------------------------------------------------------------ domain writes inside the burst

    [Fact]
    public async Task StagedInsert_CommitsWithTheBurst_InOneTransaction()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("staged").Act("start", "xf.Start").Act("add", "test.AddEnterprise", new JsonObject { ["name"] = "甲方集成" })
            .Task("review", "Dispatcher", "ok").Act("end", "xf.End").Chain("start", "add", "review").Link("review", "ok", "end"));
        h.Commits.Reset();
        var i = await h.Runtime.StartAsync(new StartRequest("staged"));
        Assert.Equal(1, h.Commits.Total);
        Assert.Equal(WorkflowStatus.Waiting, i.Status);
        var network = h.Services.GetRequiredService<XinchuangFlow.Domain.Network.INetworkRepository>();
        Assert.Single(await network.EnterprisesAsync(), e => e.Name == "甲方集成");
    }

    [Fact]
    public async Task StagedUpdate_GuardFails_NothingOfTheBurstIsSaved()
    {
        var h = await StartAsync();
        var network = h.Services.GetRequiredService<XinchuangFlow.Domain.Network.INetworkRepository>();
        var interference = h.Services.GetRequiredService<Interference>();
        await h.PublishAsync(new FlowBuilder("guarded").Act("start", "xf.Start").Act("add", "test.AddEnterprise", new JsonObject { ["name"] = "乙方集成" })
            .Task("decide", "Dispatcher", "suspend").Act("suspend", "test.SuspendEnterprise", new JsonObject { ["name"] = "乙方集成" })
            .Task("after", "Dispatcher", "ok").Act("end", "xf.End")
            .Chain("start", "add", "decide").Link("decide", "suspend", "suspend").Chain("suspend", "after").Link("after", "ok", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("guarded"));
        var task = await h.OpenTaskAsync(i.Id, "decide");

        // Another node removes the enterprise from the shortlist between every read and write of the step.
        var factory = h.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.XfDbContext>>();
        var flip = XinchuangFlow.Domain.Network.ShortlistStatus.Removed;
        interference.BetweenReadAndWrite = async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            var e = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Enterprises, x => x.Name == "乙方集成");
            db.Entry(e).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            db.Enterprises.Update(e with { Status = flip });
            flip = flip == XinchuangFlow.Domain.Network.ShortlistStatus.Removed ? XinchuangFlow.Domain.Network.ShortlistStatus.Active : XinchuangFlow.Domain.Network.ShortlistStatus.Removed;
            await db.SaveChangesAsync();
        };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => h.Runtime.CompleteTaskAsync(task.Id, "suspend", null, "u"));
        Assert.Equal(3, interference.Runs);                               // tried again from fresh state, then gave up
        Assert.Equal(HumanTaskStatus.Open, (await h.Store.FindTaskAsync(task.Id))!.Status);
        Assert.Empty(await h.Store.ListTasksAsync(new TaskQuery(InstanceId: i.Id)).ContinueWith(t => t.Result.Where(x => x.ActivityId == "after").ToList()));
        Assert.NotEqual(XinchuangFlow.Domain.Network.ShortlistStatus.Suspended, (await network.EnterprisesAsync()).Single(e => e.Name == "乙方集成").Status);

        // Without interference the same step goes through.
        interference.BetweenReadAndWrite = null;
        await h.Runtime.CompleteTaskAsync(task.Id, "suspend", null, "u");
        Assert.Equal(XinchuangFlow.Domain.Network.ShortlistStatus.Suspended, (await network.EnterprisesAsync()).Single(e => e.Name == "乙方集成").Status);
        await h.OpenTaskAsync(i.Id, "after");
    }

    // ------------------------------------------------------------------ ENG-6 / ENG-9 incidents

    [Fact]
    public async Task ExpressionError_BecomesIncidentNamingActivity_NotACrash()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("bad-expr").Var("x", "object").Act("start", "xf.Start")
            .Act("calc", "xf.SetVariable", new JsonObject { ["variable"] = "x", ["value"] = Expr("vars.x.missing.deeper") })
            .Act("end", "xf.End").Chain("start", "calc", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("bad-expr"));
        Assert.Equal(WorkflowStatus.Faulted, i.Status);
        var incident = Assert.Single(await h.Store.GetIncidentsAsync(i.Id));
        Assert.Equal("calc", incident.ActivityId);
        Assert.Contains("value", incident.Message);
        Assert.Equal(T0, incident.CreatedAt);
    }

    [Fact]
    public async Task HostileExpression_EndlessLoop_StoppedAsIncident()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("hostile").Act("start", "xf.Start")
            .Act("d", "xf.Decision", new JsonObject { ["condition"] = Expr("(function(){ while(true){} })()") })
            .Act("end", "xf.End").Chain("start", "d").Link("d", "true", "end").Link("d", "false", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("hostile"));
        Assert.Equal(WorkflowStatus.Faulted, i.Status);
        Assert.Equal("d", Assert.Single(await h.Store.GetIncidentsAsync(i.Id)).ActivityId);
    }

    [Fact]
    public async Task ActivityThrows_Incident_RetryRunsItAgainAndContinues()
    {
        var h = await StartAsync();
        h.Flaky.FailuresLeft = 1;
        await h.PublishAsync(new FlowBuilder("flaky").Act("start", "xf.Start").Act("call", "test.Flaky").Task("after", "Dispatcher", "ok").Act("end", "xf.End")
            .Chain("start", "call", "after").Link("after", "ok", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("flaky"));
        Assert.Equal(WorkflowStatus.Faulted, (await h.InstanceAsync(i.Id)).Status);
        var incident = Assert.Single(await h.Store.GetIncidentsAsync(i.Id));
        Assert.Equal("call", incident.ActivityId);
        Assert.Contains("down", incident.Message);

        await h.Runtime.RetryAsync(i.Id, "admin");
        Assert.Equal(WorkflowStatus.Waiting, (await h.InstanceAsync(i.Id)).Status);
        await h.OpenTaskAsync(i.Id, "after");
        Assert.NotNull(Assert.Single(await h.Store.GetIncidentsAsync(i.Id)).ResolvedAt);
        await Assert.ThrowsAsync<StateConflictException>(() => h.Runtime.RetryAsync(i.Id, "admin"));
    }

    [Fact]
    public async Task ALogLineWrittenWhileABurstRuns_NamesTheInstanceAndItsCase()
    {
        var logs = new ScopeCapture();
        var h = await StartAsync(configure: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        h.Flaky.FailuresLeft = 1;
        await h.PublishAsync(new FlowBuilder("flaky-logged").Act("start", "xf.Start").Act("call", "test.Flaky").Act("end", "xf.End").Chain("start", "call", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("flaky-logged", CorrelationId: "GX-4501-20261127-00042"));
        var line = Assert.Single(logs.Lines, l => l.Message.StartsWith("Incident on instance"));
        Assert.Equal(i.Id, line.Scope["InstanceId"]);
        Assert.Equal("GX-4501-20261127-00042", line.Scope["CaseNumber"]);
        Assert.Equal("flaky-logged", line.Scope["DefinitionId"]);
    }

    /// <summary>Records each log line with the key-value scopes around it (as the JSON console writes them with IncludeScopes).</summary>
    private sealed class ScopeCapture : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ISupportExternalScope
    {
        public sealed record Line(string Message, Dictionary<string, object?> Scope);
        private readonly System.Collections.Concurrent.ConcurrentQueue<Line> _lines = new();
        private Microsoft.Extensions.Logging.IExternalScopeProvider _scopes = new Microsoft.Extensions.Logging.LoggerExternalScopeProvider();
        public IReadOnlyList<Line> Lines => _lines.ToList();
        public void SetScopeProvider(Microsoft.Extensions.Logging.IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(ScopeCapture owner) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>();
                owner._scopes.ForEachScope((s, d) =>
                {
                    if (s is IEnumerable<KeyValuePair<string, object?>> pairs) foreach (var (k, v) in pairs) d[k] = v;
                }, scope);
                owner._lines.Enqueue(new Line(formatter(state, exception), scope));
            }
        }
    }

    [Fact]
    public async Task Cancel_CancelsOpenTasksAndTimers()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("cancel").Act("start", "xf.Start").Act("fork", "xf.Fork", new JsonObject { ["branches"] = Arr("a", "b") })
            .Task("t", "Dispatcher", "ok").Act("wait", "xf.Delay", new JsonObject { ["duration"] = 3600 }).Act("end", "xf.End", new JsonObject { ["terminate"] = false })
            .Chain("start", "fork").Link("fork", "a", "t").Link("fork", "b", "wait").Link("t", "ok", "end").Link("wait", "done", "end"));
        var i = await h.Runtime.StartAsync(new StartRequest("cancel"));
        var task = await h.OpenTaskAsync(i.Id);
        await h.Runtime.CancelAsync(i.Id, "admin");
        Assert.Equal(WorkflowStatus.Cancelled, (await h.InstanceAsync(i.Id)).Status);
        Assert.Equal(HumanTaskStatus.Cancelled, (await h.Store.FindTaskAsync(task.Id))!.Status);
        Assert.Equal(0, await h.CountRowsAsync<Persistence.TimerRow>());
        await Assert.ThrowsAsync<StateConflictException>(() => h.Runtime.CancelAsync(i.Id, "admin"));
    }

    [Fact]
    public async Task Recovery_InstanceAcceptedButNotRun_IsRunByTheNextNode()
    {
        var first = await StartAsync();
        await first.PublishAsync(TwoAutoStepsThenTask());
        var accepted = await first.Runtime.StartAsync(new StartRequest("five-step", Dispatch: true));
        Assert.Equal(WorkflowStatus.Running, (await first.InstanceAsync(accepted.Id)).Status);
        await first.DisposeAsync();

        var second = await StartAsync();
        Assert.Equal(1, await second.Runtime.RecoverAsync());
        Assert.Equal(WorkflowStatus.Waiting, (await second.InstanceAsync(accepted.Id)).Status);
        await second.OpenTaskAsync(accepted.Id, "review");
        Assert.Equal(0, await second.Runtime.RecoverAsync());
    }

    [Fact]
    public async Task Recovery_CrashBeforeChildBurst_ChildRunsAndParentResumesAfterLease()
    {
        var crash = new CrashSwitch { CrashOnCommit = 4 };
        var first = await StartAsync(configure: s => s.AddSingleton<IWorkflowStore>(sp =>
            CrashingStoreDecorator.Wrap(new Persistence.EfWorkflowStore(sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.XfDbContext>>()), crash)));
        await first.PublishAsync(new FlowBuilder("child").Act("start", "xf.Start").Act("set", "xf.SetVariable", new JsonObject { ["variable"] = "r", ["value"] = 7 })
            .Act("end", "xf.End").Var("r", "number").Chain("start", "set", "end"));
        await first.PublishAsync(new FlowBuilder("parent2").Var("out", "object").Act("start", "xf.Start")
            .Act("sub", "xf.SubWorkflow", new JsonObject { ["definitionId"] = "child", ["resultVariable"] = "out" })
            .Task("after", "Dispatcher", "ok").Act("end", "xf.End").Chain("start", "sub", "after").Link("after", "ok", "end"));
        crash.Commits = 0;
        crash.CrashOnCommit = 2; // commit 1: parent + new child (Running); commit 2: the child's burst — the "process" dies
        await Assert.ThrowsAsync<IOException>(() => first.Runtime.StartAsync(new StartRequest("parent2")));
        var child = Assert.Single(await first.Store.ListInstancesAsync(new InstanceQuery("child")));
        Assert.Equal(WorkflowStatus.Running, child.Status);
        await first.DisposeAsync();

        var second = await StartAsync();
        Assert.Equal(0, await second.Runtime.RecoverAsync()); // the crashed node's lease has not run out yet
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await second.Runtime.RecoverAsync() >= 1);
        var parent = Assert.Single(await second.Store.ListInstancesAsync(new InstanceQuery("parent2")));
        Assert.Equal(WorkflowStatus.Finished, (await second.InstanceAsync(child.Id)).Status);
        var p = await second.InstanceAsync(parent.Id);
        Assert.Equal(WorkflowStatus.Waiting, p.Status);
        Assert.Equal(7, p.Variables["out"]!["r"]!.GetValue<int>());
        await second.OpenTaskAsync(parent.Id, "after");
    }

    // ------------------------------------------------------------------ ENG-1 / ENG-2 definitions and versions

    [Fact]
    public async Task Versions_InstancesStayOnTheirVersion_OldVersionRetired_MigrationMovesThem()
    {
        var h = await StartAsync();
        var v1 = new FlowBuilder("versioned").Var("path", "string").Act("start", "xf.Start").Task("review", "Dispatcher", "ok")
            .Act("mark", "xf.SetVariable", new JsonObject { ["variable"] = "path", ["value"] = "v1" }).Act("end", "xf.End")
            .Chain("start", "review").Link("review", "ok", "mark").Chain("mark", "end");
        Assert.Equal(1, await h.PublishAsync(v1));
        var onV1 = await h.Runtime.StartAsync(new StartRequest("versioned"));
        var stayOnV1 = await h.Runtime.StartAsync(new StartRequest("versioned"));

        v1.Model.FindActivity("mark")!.Inputs["value"] = "v2";
        Assert.Equal(2, await h.PublishAsync(v1));
        var onV2 = await h.Runtime.StartAsync(new StartRequest("versioned"));
        Assert.Equal(2, onV2.DefinitionVersion);
        Assert.Equal(DefinitionStatus.Retired, (await h.Store.FindDefinitionAsync("versioned", 1))!.Status);
        await Assert.ThrowsAsync<StateConflictException>(() => h.Runtime.StartAsync(new StartRequest("versioned", Version: 1)));

        await h.Runtime.CompleteTaskAsync((await h.OpenTaskAsync(stayOnV1.Id)).Id, "ok", null, "u");
        Assert.Equal("v1", (await h.InstanceAsync(stayOnV1.Id)).Variables["path"]!.GetValue<string>());

        await h.Runtime.MigrateAsync(onV1.Id, 2, "admin");
        await h.Runtime.CompleteTaskAsync((await h.OpenTaskAsync(onV1.Id)).Id, "ok", null, "u");
        var migrated = await h.InstanceAsync(onV1.Id);
        Assert.Equal(2, migrated.DefinitionVersion);
        Assert.Equal("v2", migrated.Variables["path"]!.GetValue<string>());
        Assert.Contains(await h.Store.GetJournalAsync(onV1.Id), j => j.Kind == JournalKind.InstanceMigrated);
    }

    [Fact]
    public async Task Migrate_WaitingActivityMissingInTarget_RefusedWithReason()
    {
        var h = await StartAsync();
        var flow = new FlowBuilder("mig").Act("start", "xf.Start").Task("review", "Dispatcher", "ok").Act("end", "xf.End").Chain("start", "review").Link("review", "ok", "end");
        await h.PublishAsync(flow);
        var i = await h.Runtime.StartAsync(new StartRequest("mig"));
        var renamed = new FlowBuilder("mig").Act("start", "xf.Start").Task("check", "Dispatcher", "ok").Act("end", "xf.End").Chain("start", "check").Link("check", "ok", "end");
        await h.PublishAsync(renamed);
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => h.Runtime.MigrateAsync(i.Id, 2, "admin"));
        Assert.Contains("review", ex.Message);
        Assert.Equal(1, (await h.InstanceAsync(i.Id)).DefinitionVersion);
    }

    [Fact]
    public async Task SaveDraft_InvalidDefinition_RejectedWithEveryProblem_NothingStored()
    {
        var h = await StartAsync();
        var broken = new FlowBuilder("broken").Act("start", "xf.Start").Act("x", "xf.Nope").Act("d", "xf.Decision", new JsonObject { ["condition"] = Expr("1 +") })
            .Chain("start", "x").Link("x", "done", "ghost");
        var ex = await Assert.ThrowsAsync<DefinitionInvalidException>(() => h.Definitions.SaveDraftAsync(broken.Model, "u"));
        Assert.Contains(ex.Findings, p => p.Code == "unknown-type" && p.ActivityId == "x");
        Assert.Contains(ex.Findings, p => p.Code == "bad-expression" && p.ActivityId == "d");
        Assert.Contains(ex.Findings, p => p.Code == "connection-dangling");
        Assert.Contains(ex.Findings, p => p.Code == "unreachable" && p.ActivityId == "d");
        Assert.Empty(await h.Store.ListDefinitionVersionsAsync("broken"));
    }

    [Fact]
    public async Task Import_SameFileTwice_OneVersion_ChangedFile_NewVersion()
    {
        var h = await StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "xf-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var flow = TwoAutoStepsThenTask("imported");
            await File.WriteAllTextAsync(Path.Combine(folder, "imported.json"), flow.Json());
            await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), "{ not json");
            var options = Microsoft.Extensions.Options.Options.Create(new Hosting.WorkflowFilesOptions { Folder = folder });
            var importer = ActivatorUtilities.CreateInstance<Hosting.DatabaseInitializer>(h.Services, options);
            Assert.Equal(1, await importer.ImportAsync(default));
            Assert.Equal(0, await importer.ImportAsync(default));
            flow.Model.Name = "renamed";
            await File.WriteAllTextAsync(Path.Combine(folder, "imported.json"), flow.Json());
            Assert.Equal(1, await importer.ImportAsync(default));
            var versions = await h.Store.ListDefinitionVersionsAsync("imported");
            Assert.Equal([1, 2], versions.Select(v => v.Version));
            Assert.Equal(DefinitionStatus.Published, versions[1].Status);
            Assert.Equal("imported.json", versions[1].Source);
        }
        finally { Directory.Delete(folder, true); }
    }

    // ------------------------------------------------------------------ ENG-7 timers

    [Fact]
    public async Task Timers_ManyDueAtOnce_EachFiresExactlyOnce_EvenWithTwoDrainers()
    {
        var h = await StartAsync();
        await h.PublishAsync(new FlowBuilder("tick").Var("fired", "number", 0).Act("start", "xf.Start")
            .Act("wait", "xf.Delay", new JsonObject { ["duration"] = "PT1H" })
            .Act("count", "xf.SetVariable", new JsonObject { ["variable"] = "fired", ["value"] = Expr("vars.fired + 1") })
            .Task("after", "Dispatcher", "ok").Act("end", "xf.End").Chain("start", "wait", "count", "after").Link("after", "ok", "end"));
        var ids = new List<Guid>();
        for (var n = 0; n < 120; n++) ids.Add((await h.Runtime.StartAsync(new StartRequest("tick"))).Id);
        Clock.Advance(TimeSpan.FromHours(1));

        var other = await StartAsync();
        var fired = await Task.WhenAll(Task.Run(() => h.Runtime.DrainTimersAsync()), Task.Run(() => other.Runtime.DrainTimersAsync()));
        Assert.Equal(120, fired.Sum());
        Assert.Equal(0, await h.CountRowsAsync<Persistence.TimerRow>());
        foreach (var instance in await h.Store.LoadInstancesAsync(ids))
        {
            Assert.Equal(1, instance.Variables["fired"]!.GetValue<int>());
            Assert.Equal(WorkflowStatus.Waiting, instance.Status);
        }
        Assert.Equal(120, (await h.Store.ListTasksAsync(new TaskQuery(Status: HumanTaskStatus.Open, Take: 1000))).Count);
    }

    [Fact]
    public async Task Timer_SetBeforeRestart_FiresAfterRestartThroughQuartz()
    {
        var first = await StartAsync(scheduler: true);
        await first.PublishAsync(new FlowBuilder("durable").Act("start", "xf.Start").Act("wait", "xf.Delay", new JsonObject { ["duration"] = "PT2H" })
            .Task("after", "Dispatcher", "ok").Act("end", "xf.End").Chain("start", "wait", "after").Link("after", "ok", "end"));
        var i = await first.Runtime.StartAsync(new StartRequest("durable"));
        await first.DisposeAsync();

        Clock.Advance(TimeSpan.FromHours(3));
        var second = await StartAsync(scheduler: true);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await second.Store.ListTasksAsync(new TaskQuery(InstanceId: i.Id))).Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        await second.OpenTaskAsync(i.Id, "after");
        Assert.Contains(await second.Store.GetJournalAsync(i.Id), j => j.Kind == JournalKind.ActivityResumed && j.ActivityId == "wait");
    }
}

public sealed class SqliteEngineTests : EngineContractTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlEngineTests : EngineContractTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
