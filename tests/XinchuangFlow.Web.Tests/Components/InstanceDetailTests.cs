using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Components.Pages.Instances;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>The instance page acting on a real engine: incidents shown, retry and cancel work.</summary>
public sealed class InstanceDetailTests : IAsyncLifetime
{
    // Fails until 02:00 UTC: stands in for a back-end that is down and comes back.
    private const string Flow = """
    {
      "schemaVersion": 1, "definitionId": "ui-flaky", "name": "UI flaky",
      "variables": [],
      "activities": [
        { "id": "start", "type": "xf.Start" },
        { "id": "check", "type": "xf.Decision", "inputs": { "condition": { "expr": "(function(){ if (Date.parse(now) < Date.parse('2026-03-02T02:00:00Z')) throw new Error('接口不可用'); return true; })()" } } },
        { "id": "handle", "type": "xf.UserTask", "inputs": { "title": "人工处理", "role": "Dispatcher", "outcomes": ["ok"] } },
        { "id": "end", "type": "xf.End" }
      ],
      "connections": [
        { "source": { "activity": "start", "port": "done" }, "target": { "activity": "check" } },
        { "source": { "activity": "check", "port": "true" }, "target": { "activity": "handle" } },
        { "source": { "activity": "check", "port": "false" }, "target": { "activity": "end" } },
        { "source": { "activity": "handle", "port": "ok" }, "target": { "activity": "end" } }
      ]
    }
    """;

    // Labelled variables, a fork whose branches are named, steps with names: the page reads as the flow's author named it.
    private const string Named = """
    {
      "schemaVersion": 1, "definitionId": "ui-named", "name": "报修流程",
      "variables": [ { "name": "request", "label": "报修请求", "labelEn": "Request", "type": "object" }, { "name": "urgent", "type": "boolean" } ],
      "activities": [
        { "id": "start", "type": "xf.Start", "displayName": "开始", "displayNameEn": "Start" },
        { "id": "split", "type": "xf.Fork", "displayName": "办理与监控", "displayNameEn": "Work and watch",
          "inputs": { "branches": [ { "key": "work", "name": "办理", "nameEn": "Work" }, { "key": "watch", "name": "时限监控", "nameEn": "Deadline watch" } ] } },
        { "id": "handle", "type": "xf.UserTask", "displayName": "处理", "displayNameEn": "Handle", "inputs": { "title": "人工处理", "role": "Dispatcher", "outcomes": ["ok"] } },
        { "id": "wait", "type": "xf.Delay", "displayName": "等待", "inputs": { "duration": "PT4H" } },
        { "id": "join", "type": "xf.Join", "displayName": "汇合", "inputs": { "mode": "all" } },
        { "id": "end", "type": "xf.End", "displayName": "结束" }
      ],
      "connections": [
        { "source": { "activity": "start", "port": "done" }, "target": { "activity": "split" } },
        { "source": { "activity": "split", "port": "work" }, "target": { "activity": "handle" } },
        { "source": { "activity": "split", "port": "watch" }, "target": { "activity": "wait" } },
        { "source": { "activity": "handle", "port": "ok" }, "target": { "activity": "join" } },
        { "source": { "activity": "wait", "port": "done" }, "target": { "activity": "join" } },
        { "source": { "activity": "join", "port": "done" }, "target": { "activity": "end" } }
      ]
    }
    """;

    private EngineHost _engine = null!;
    private readonly BunitContext _ctx = new();

    public async Task InitializeAsync()
    {
        _engine = await EngineHost.StartAsync();
        await _engine.PublishAsync(Flow);
        await _engine.PublishAsync(Named);
        CanvasInterop.Setup(_ctx);
        _ctx.Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        _ctx.Services.AddSingleton(_engine.Store);
        _ctx.Services.AddSingleton(_engine.Runtime);
        _ctx.Services.AddSingleton(_engine.Services.GetRequiredService<XinchuangFlow.Application.Workflows.InstanceService>());
        _ctx.Services.AddSingleton(_engine.Services.GetRequiredService<XinchuangFlow.Engine.Activities.ActivityRegistry>());
        _ctx.Services.AddSingleton(_engine.Services.GetRequiredService<XinchuangFlow.Application.Workflows.DefinitionAppService>());
        _ctx.Services.AddSingleton(_engine.Services.GetRequiredService<XinchuangFlow.Application.Access.UserDirectoryService>());
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.AddAuthorization().SetAuthorized("admin@xinchuang.local").SetRoles("DataBureauAdmin");
        // The app's provider of the current Actor (as in Routes.razor): pages and panels take it as a cascading parameter.
        _ctx.RenderTree.Add<XinchuangFlow.Web.Components.CascadingActor>();
        _ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));   // as in the live circuit
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task FaultedInstance_ShowsIncident_RetryAfterRecoveryContinuesToTask()
    {
        var instance = await _engine.Runtime.StartAsync(new StartRequest("ui-flaky"));
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);

        var dialogs = _ctx.Render<MudDialogProvider>();
        var cut = _ctx.Render<InstanceDetail>(p => p.Add(x => x.Id, instance.Id));
        cut.WaitForAssertion(() => Assert.Contains("接口不可用", cut.Find("[data-testid=incidents]").TextContent));
        Assert.Contains("故障", cut.Find("[data-testid=status]").TextContent);

        _engine.Clock.Advance(TimeSpan.FromHours(2));
        await cut.InvokeAsync(() => cut.Find("[data-testid=retry]").Click());
        await ConfirmAsync(dialogs);

        cut.WaitForAssertion(() => Assert.Contains("人工处理", cut.Find("[data-testid=tasks]").TextContent));
        Assert.Contains("调度员", cut.Find("[data-testid=tasks]").TextContent);   // the role in Chinese, not its key
        Assert.Contains("已处理", cut.Find("[data-testid=incidents]").TextContent);
        Assert.Contains("等待中", cut.Find("[data-testid=status]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=retry]"));
        Assert.Equal(WorkflowStatus.Waiting, (await _engine.Store.LoadInstanceAsync(instance.Id))!.Status);
    }

    [Fact]
    public async Task Retry_ThatFaultsAgain_SaysSo_InsteadOfReportingSuccess()
    {
        var instance = await _engine.Runtime.StartAsync(new StartRequest("ui-flaky"));
        var snackbar = _ctx.Render<MudSnackbarProvider>();
        var dialogs = _ctx.Render<MudDialogProvider>();
        var cut = _ctx.Render<InstanceDetail>(p => p.Add(x => x.Id, instance.Id));
        cut.WaitForAssertion(() => Assert.Contains("接口不可用", cut.Find("[data-testid=incidents]").TextContent));

        await cut.InvokeAsync(() => cut.Find("[data-testid=retry]").Click());   // the back-end is still down
        await ConfirmAsync(dialogs);

        snackbar.WaitForAssertion(() => Assert.Contains("再次出现故障", snackbar.Markup));
        Assert.DoesNotContain("实例继续运行", snackbar.Markup);
        Assert.Equal(WorkflowStatus.Faulted, (await _engine.Store.LoadInstanceAsync(instance.Id))!.Status);
    }

    [Fact]
    public async Task Cancel_AfterConfirmation_CancelsInstanceAndItsTask()
    {
        _engine.Clock.Advance(TimeSpan.FromHours(2));
        var instance = await _engine.Runtime.StartAsync(new StartRequest("ui-flaky"));
        var dialogs = _ctx.Render<MudDialogProvider>();
        var cut = _ctx.Render<InstanceDetail>(p => p.Add(x => x.Id, instance.Id));
        cut.WaitForAssertion(() => Assert.Contains("人工处理", cut.Find("[data-testid=tasks]").TextContent));

        await cut.InvokeAsync(() => cut.Find("[data-testid=cancel]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("确定取消此实例", dialogs.Markup));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Contains("确定")).Click());

        cut.WaitForAssertion(() => Assert.Contains("已取消", cut.Find("[data-testid=status]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=cancel]"));
        var task = Assert.Single(await _engine.Store.ListTasksAsync(new XinchuangFlow.Engine.Abstractions.TaskQuery(InstanceId: instance.Id)));
        Assert.Equal(HumanTaskStatus.Cancelled, task.Status);
        Assert.Contains("实例取消", cut.Find("[data-testid=journal]").TextContent);
    }

    [Fact]
    public async Task Instance_ReadsByTheNamesOfItsFlow_DataOnlyWhenAskedFor()
    {
        var instance = await _engine.Runtime.StartAsync(new StartRequest("ui-named",
            new System.Text.Json.Nodes.JsonObject { ["request"] = new System.Text.Json.Nodes.JsonObject { ["title"] = "打印机卡纸", ["unitId"] = "7d3c1a52-0000-4000-8000-000000000001" }, ["urgent"] = true }));
        var cut = _ctx.Render<InstanceDetail>(p => p.Add(x => x.Id, instance.Id));
        cut.WaitForAssertion(() => Assert.Contains("报修流程 · 第 1 版", cut.Find("[data-testid=instance-flow]").TextContent));
        var variables = cut.Find("[data-testid=variables]").TextContent;
        Assert.Contains("报修请求", variables);     // its label, not "request"
        Assert.Contains("2 项", variables);         // an object: how much it holds
        Assert.Contains("urgent", variables);       // no label: its name
        Assert.Contains("是", variables);
        Assert.DoesNotContain("打印机卡纸", variables);   // the data itself only on request
        var journal = cut.Find("[data-testid=journal]").TextContent;
        Assert.Contains("办理与监控", journal);
        Assert.Contains("办理、时限监控", journal);   // the branches it took, by name
        Assert.DoesNotContain("split", journal);
        Assert.DoesNotContain("watch", journal);

        await cut.InvokeAsync(() => cut.Find("[data-testid=variable-data]").Click());
        cut.WaitForAssertion(() => Assert.Contains("打印机卡纸", cut.Find("[data-testid=variable-json]").TextContent));
    }

    private static async Task ConfirmAsync(IRenderedComponent<MudDialogProvider> dialogs)
    {
        dialogs.WaitForAssertion(() => Assert.Contains("确定", dialogs.Markup));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Contains("确定")).Click());
    }

    [Fact]
    public void UnknownInstance_SaysSo()
    {
        var cut = _ctx.Render<InstanceDetail>(p => p.Add(x => x.Id, Guid.NewGuid()));
        cut.WaitForAssertion(() => Assert.Contains("未找到该实例", cut.Markup));
    }
}
