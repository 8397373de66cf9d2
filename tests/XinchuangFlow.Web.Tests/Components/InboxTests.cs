using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Components.Inbox;
using XinchuangFlow.Web.Components.Pages.Inbox;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>The inbox's first increment: a task's form rendered from its fields and checked like the engine checks it; completing from the list; a task someone else completed.</summary>
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
        _ctx.Services.AddSingleton(_engine.Services.GetRequiredService<XinchuangFlow.Application.Tasks.TaskService>());
        _ctx.Services.AddSingleton<TimeProvider>(_engine.Clock);
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.AddAuthorization().SetAuthorized("dispatcher@xinchuang.local").SetRoles("Dispatcher");
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
        Assert.Contains("longer than 20", cut.Find("[data-testid=field-comment]").TextContent);

        cut.Find("[data-testid=field-comment] textarea").Change("同意采购");
        cut.Find("[data-testid=field-amount] input").Change("1200");
        await cut.InvokeAsync(() => cut.Find("[data-testid=outcome-approve]").Click());
        Assert.Equal("approve", sent!.Value.Outcome);
        Assert.Equal("同意采购", sent.Value.Data["comment"]!.GetValue<string>());
        Assert.Equal(1200, sent.Value.Data["amount"]!.GetValue<double>());
    }

    [Fact]
    public async Task TheInbox_ListsTheTask_CompletesIt_AndSaysSoWhenSomeoneElseWasQuicker()
    {
        var first = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox"));
        var second = await _engine.Runtime.StartAsync(new StartRequest("ui-inbox"));
        var snackbar = _ctx.Render<MudSnackbarProvider>();
        var cut = _ctx.Render<Inbox>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=inbox] tbody tr").Count));
        Assert.Contains("2 h", cut.Find("[data-testid=inbox] tbody").TextContent);

        var tasks = await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(Status: HumanTaskStatus.Open));
        var mine = tasks.Single(t => t.InstanceId == first.Id);
        await cut.InvokeAsync(() => cut.Find($"[data-testid=task-{mine.Id}]").Click());
        cut.Find("[data-testid=open-task] [data-testid=field-comment] textarea").Change("可以");
        await cut.InvokeAsync(() => cut.Find("[data-testid=open-task] [data-testid=outcome-approve]").Click());
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=inbox] tbody tr")));
        Assert.Equal(WorkflowStatus.Finished, (await _engine.Store.LoadInstanceAsync(first.Id))!.Status);

        // The other task: opened here, completed elsewhere meanwhile.
        var theirs = tasks.Single(t => t.InstanceId == second.Id);
        await cut.InvokeAsync(() => cut.Find($"[data-testid=task-{theirs.Id}]").Click());
        await _engine.Runtime.CompleteTaskAsync(theirs.Id, "reject", new JsonObject { ["comment"] = "别人处理了" }, "other@xinchuang.local");
        cut.Find("[data-testid=open-task] [data-testid=field-comment] textarea").Change("我也来处理");
        await cut.InvokeAsync(() => cut.Find("[data-testid=open-task] [data-testid=outcome-approve]").Click());
        snackbar.WaitForAssertion(() => Assert.Contains("已被他人处理", snackbar.Markup));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=open-task]")));
    }
}
