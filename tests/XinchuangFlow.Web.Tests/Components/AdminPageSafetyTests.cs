using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Workflows;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Components.Pages.Instances;
using XinchuangFlow.Web.Components.Pages.Users;
using XinchuangFlow.Web.Components.Pages.Workflows;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>
/// The administrator's pages on a real engine: what cannot be undone asks first (naming what it acts on), one's own
/// account is out of reach of the list, an unknown flow is said in the reader's language, and an instance leads to its case.
/// </summary>
public sealed class AdminPageSafetyTests : IAsyncLifetime
{
    private const string Flow = """
    {
      "schemaVersion": 1, "definitionId": "ui-review", "name": "审核流程",
      "variables": [],
      "activities": [
        { "id": "start", "type": "xf.Start", "position": { "x": 40, "y": 40 } },
        { "id": "review", "type": "xf.UserTask", "inputs": { "title": "审核", "role": "Dispatcher", "outcomes": [{ "key": "ok", "name": "通过" }] }, "position": { "x": 280, "y": 40 } },
        { "id": "end", "type": "xf.End", "position": { "x": 520, "y": 40 } }
      ],
      "connections": [
        { "source": { "activity": "start", "port": "done" }, "target": { "activity": "review" } },
        { "source": { "activity": "review", "port": "ok" }, "target": { "activity": "end" } }
      ]
    }
    """;

    private const string Admin = "admin@xinchuang.local";
    private static readonly Actor AdminActor = Actor.Of(Admin, [Roles.DataBureauAdmin]);
    private EngineHost _engine = null!;
    private readonly BunitContext _ctx = new();
    private readonly FakeAccounts _accounts = new();

    public async Task InitializeAsync()
    {
        _engine = await EngineHost.StartAsync();
        await _engine.PublishAsync(Flow);
        // The same flow under the case flows' ids: their instances carry a ticket's or a complaint's number.
        // (Stored as published directly: the validator asks the case flows for their task kinds, which do not matter here.)
        await PublishUncheckedAsync(Flow.Replace("ui-review", "service-ticket"));
        await PublishUncheckedAsync(Flow.Replace("ui-review", "complaint"));
        CanvasInterop.Setup(_ctx);
        _ctx.Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        foreach (var type in new[] { typeof(Engine.Activities.ActivityRegistry), typeof(DefinitionAppService), typeof(InstanceService), typeof(UserDirectoryService) })
            _ctx.Services.AddSingleton(type, _engine.Services.GetRequiredService(type));
        _ctx.Services.AddSingleton(ActivatorUtilities.CreateInstance<UserAdminService>(_engine.Services, (IUserAccounts)_accounts));
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.AddAuthorization().SetAuthorized(Admin).SetRoles(Roles.DataBureauAdmin);
        _ctx.RenderTree.Add<XinchuangFlow.Web.Components.CascadingActor>();
        _ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _engine.DisposeAsync();
    }

    private static async Task AnswerAsync(IRenderedComponent<MudDialogProvider> dialogs, string button) =>
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Trim() == button).Click());

    [Fact]
    public async Task Users_ResetAndDisable_AskFirstNamingTheAccount_AndOnesOwnRowOffersNeither()
    {
        var dialogs = _ctx.Render<MudDialogProvider>();
        var cut = _ctx.Render<UserAdmin>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='user-dispatcher@xinchuang.local']")));

        // One's own account: neither button, a note instead.
        Assert.Empty(cut.FindAll($"[data-testid='reset-{Admin}']"));
        Assert.Empty(cut.FindAll($"[data-testid='disable-{Admin}']"));
        Assert.Contains("本人账号", cut.Find($"[data-testid='own-{Admin}']").TextContent);

        // Reset: asked first, by name and login; "返回" does nothing.
        await cut.InvokeAsync(() => cut.Find("[data-testid='reset-dispatcher@xinchuang.local']").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("确定重置 调度员小王（dispatcher@xinchuang.local）的密码", dialogs.Markup));
        await AnswerAsync(dialogs, "返回");
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("确定重置", dialogs.Markup));
        Assert.Empty(_accounts.Resets);
        Assert.Empty(cut.FindAll("[data-testid=users-temp-password]"));

        await cut.InvokeAsync(() => cut.Find("[data-testid='reset-dispatcher@xinchuang.local']").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("确定重置", dialogs.Markup));
        await AnswerAsync(dialogs, "确定");
        cut.WaitForAssertion(() => Assert.Contains("dispatcher@xinchuang.local", cut.Find("[data-testid=users-temp-password]").TextContent));
        Assert.Equal(["dispatcher@xinchuang.local"], _accounts.Resets);

        // Disable: asked first too; declined, the account stays active.
        await cut.InvokeAsync(() => cut.Find("[data-testid='disable-dispatcher@xinchuang.local']").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("确定停用 调度员小王（dispatcher@xinchuang.local）", dialogs.Markup));
        await AnswerAsync(dialogs, "返回");
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("确定停用", dialogs.Markup));
        Assert.False(_accounts.Find("dispatcher@xinchuang.local")!.Disabled);
        await cut.InvokeAsync(() => cut.Find("[data-testid='disable-dispatcher@xinchuang.local']").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("确定停用", dialogs.Markup));
        await AnswerAsync(dialogs, "确定");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='enable-dispatcher@xinchuang.local']")));
        Assert.True(_accounts.Find("dispatcher@xinchuang.local")!.Disabled);
    }

    [Fact]
    public async Task Workflows_RetireAsksFirst_SayingHowManyInstancesRunOn_AndReadsV1AsTheTableDoes()
    {
        await _engine.Runtime.StartAsync(new StartRequest("ui-review"));
        await _engine.Runtime.StartAsync(new StartRequest("ui-review"));
        var dialogs = _ctx.Render<MudDialogProvider>();
        var cut = _ctx.Render<Workflows>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=retire-ui-review]")));
        var retire = cut.Find("[data-testid=retire-ui-review]");
        Assert.Equal("停用 v1", retire.TextContent.Trim());
        Assert.Contains("text-transform:none", retire.GetAttribute("style"));          // not shown as "V1"
        // The import is MudBlazor's picker with the product's own label, not the browser's "Choose File".
        Assert.Contains("导入 JSON 文件", cut.Find("[data-testid=import-button]").TextContent);
        Assert.NotEmpty(cut.FindAll(".mud-file-upload"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=retire-ui-review]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("正在运行的 2 个实例仍按 v1 继续运行", dialogs.Markup));
        Assert.Contains("审核流程", dialogs.Markup);
        await AnswerAsync(dialogs, "返回");
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("正在运行的 2 个实例", dialogs.Markup));
        Assert.Equal(DefinitionStatus.Published, (await Definitions.GetAsync(AdminActor, "ui-review", 1)).Status);

        await cut.InvokeAsync(() => cut.Find("[data-testid=retire-ui-review]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("正在运行的 2 个实例", dialogs.Markup));
        await AnswerAsync(dialogs, "停用 v1");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=retire-ui-review]")));
        Assert.Equal(DefinitionStatus.Retired, (await Definitions.GetAsync(AdminActor, "ui-review", 1)).Status);
    }

    [Fact]
    public async Task Designer_PublishAsksFirst_WithAnOptionalChangeNote_ThatGoesIntoTheHistory()
    {
        var dialogs = _ctx.Render<MudDialogProvider>();
        var cut = _ctx.Render<Designer>(p => p.Add(x => x.DefinitionId, "ui-review"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=publish]")));

        await cut.InvokeAsync(() => cut.Find("[data-testid=publish]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("正在运行的实例仍按各自原来的版本继续", dialogs.Find("[data-testid=publish-message]").TextContent));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=publish-cancel]").Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=publish-message]")));
        Assert.Equal(1, (await Definitions.ListAsync(AdminActor, "ui-review")).Max(r => r.Version));   // nothing saved, nothing published

        await cut.InvokeAsync(() => cut.Find("[data-testid=publish]").Click());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=publish-dialog] textarea")));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=publish-dialog] textarea").Input("调整审核角色"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=publish-confirm]").Click());
        await WaitAsync(async () => (await Definitions.ListAsync(AdminActor, "ui-review")).Any(r => r.Version == 2 && r.Status == DefinitionStatus.Published));
        var publish = (await Definitions.HistoryAsync(AdminActor, "ui-review")).First(a => a.Action == "publish");
        Assert.Equal("调整审核角色", publish.Comment);
    }

    [Fact]
    public void AnUnknownFlow_IsSaidInTheReadersLanguage_OnTheDesignerAndTheHistory_WhichOffersNoComparison()
    {
        var designer = _ctx.Render<Designer>(p => p.Add(x => x.DefinitionId, "ticket"));
        designer.WaitForAssertion(() => Assert.Contains("流程 ticket 不存在", designer.Find("[data-testid=designer-error]").TextContent));
        Assert.DoesNotContain("does not exist", designer.Markup);

        var history = _ctx.Render<History>(p => p.Add(x => x.DefinitionId, "ticket"));
        history.WaitForAssertion(() => Assert.Contains("流程 ticket 不存在", history.Find("[data-testid=definition-not-found]").TextContent));
        Assert.Empty(history.FindAll("[data-testid=diff]"));   // nothing to compare, nothing to throw out of the circuit
    }

    [Fact]
    public async Task Instances_LinkTheCaseNumber_ToTheTicketOrComplaintPage()
    {
        await _engine.Runtime.StartAsync(new StartRequest("service-ticket", CorrelationId: "GX-4501-20261202-00005"));
        await _engine.Runtime.StartAsync(new StartRequest("complaint", CorrelationId: "TS-4501-20261202-00001"));
        await _engine.Runtime.StartAsync(new StartRequest("ui-review", CorrelationId: "other-42"));
        var cut = _ctx.Render<Instances>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='case-GX-4501-20261202-00005']")));
        Assert.Equal("/tickets/GX-4501-20261202-00005", cut.Find("[data-testid='case-GX-4501-20261202-00005']").GetAttribute("href"));
        Assert.Equal("/complaints/TS-4501-20261202-00001", cut.Find("[data-testid='case-TS-4501-20261202-00001']").GetAttribute("href"));
        Assert.Contains("other-42", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid='case-other-42']"));   // a flow of no case has no case page
    }

    private async Task PublishUncheckedAsync(string json)
    {
        var draft = await _engine.Services.GetRequiredService<DefinitionService>().SaveDraftAsync(
            Engine.Definitions.DefinitionJson.Parse(json), "tester", "test", new DraftSaveOptions(Validate: false));
        await _engine.Services.GetRequiredService<IDefinitionStore>().PublishAsync(draft.Id, _engine.Clock.GetUtcNow());
    }

    private DefinitionAppService Definitions => _engine.Services.GetRequiredService<DefinitionAppService>();

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++) await Task.Delay(50);
        Assert.True(await condition());
    }

    /// <summary>Accounts in memory: what the list shows and what the page asked the store to do.</summary>
    private sealed class FakeAccounts : IUserAccounts
    {
        private readonly List<UserAccount> _all =
        [
            new(Admin, "系统管理员", Roles.DataBureauAdmin, null, null, null, false, DateTimeOffset.UnixEpoch.AddYears(40)),
            new("dispatcher@xinchuang.local", "调度员小王", Roles.Dispatcher, null, null, null, false, DateTimeOffset.UnixEpoch.AddYears(40)),
        ];
        public List<string> Resets { get; } = [];

        public UserAccount? Find(string userName) => _all.FirstOrDefault(a => a.UserName == userName);
        public Task<IReadOnlyList<UserAccount>> ListAsync(string? text, int take, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<UserAccount>>(_all.ToList());
        public Task<UserAccount?> FindAsync(string userName, CancellationToken ct = default) => Task.FromResult(Find(userName));
        public Task<IReadOnlyList<string>> CreateAsync(NewUserAccount account, string temporaryPassword, CancellationToken ct = default) => throw new NotSupportedException();
        public Task SetDisabledAsync(string userName, bool disabled, CancellationToken ct = default)
        {
            var i = _all.FindIndex(a => a.UserName == userName);
            _all[i] = _all[i] with { Disabled = disabled };
            return Task.CompletedTask;
        }
        public Task SetTemporaryPasswordAsync(string userName, string temporaryPassword, CancellationToken ct = default)
        {
            Resets.Add(userName);
            return Task.CompletedTask;
        }
    }
}
