using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Rules;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Web.Components.Pages.Rules;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>
/// The rule editor shell (RUL-2) as rendered on the real rule store: saving needs changes and a comment and is on
/// exactly then, a refused save does not lock it, a roll back asks first, the grading page speaks of grading, and a
/// coordinator reads the limits that bind their city.
/// </summary>
public sealed class RuleEditorTests : IAsyncLifetime
{
    private EngineHost _engine = null!;
    private readonly BunitContext _ctx = new();
    private static readonly Actor Admin = Actor.Of("admin@xinchuang.local", [Roles.DataBureauAdmin]);

    private RuleService Rules => _engine.Services.GetRequiredService<RuleService>();

    public async Task InitializeAsync()
    {
        _engine = await EngineHost.StartAsync();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        foreach (var type in new[] { typeof(RuleService), typeof(RuleRecomputeService), typeof(AccessService), typeof(TimeProvider), typeof(UserDirectoryService) })
            _ctx.Services.AddSingleton(type, _engine.Services.GetRequiredService(type));
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _engine.DisposeAsync();
    }

    private void SignIn(string user, string role, string? city = null)
    {
        var auth = _ctx.AddAuthorization().SetAuthorized(user).SetRoles(role);
        if (city is not null) auth.SetClaims(new Claim("xf:city", city));
        // The app's provider of the current Actor (as in Routes.razor), in the live circuit.
        _ctx.RenderTree.Add<XinchuangFlow.Web.Components.CascadingActor>();
        _ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private static bool SaveIsOn(IRenderedComponent<GradingRulesPage> cut) => !cut.Find("[data-testid=rules-save]").HasAttribute("disabled");

    /// <summary>The text box of a MudBlazor field, whichever element carries the test id.</summary>
    private static AngleSharp.Dom.IElement Box(IRenderedComponent<GradingRulesPage> cut, string testId) =>
        cut.Find($"input[data-testid='{testId}'], [data-testid='{testId}'] input");

    [Fact]
    public async Task Save_IsOnWheneverThereAreChangesAndAComment_AndARefusedSaveDoesNotLockIt()
    {
        SignIn("liuzhou@xinchuang.local", Roles.MunicipalCoordinator, "4502");
        var cut = _ctx.Render<GradingRulesPage>(p => p.Add(x => x.Scope, "4502"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input[data-testid='keywords-0'], [data-testid='keywords-0'] input")));
        Assert.False(SaveIsOn(cut));                                                    // nothing changed yet

        Box(cut, "keywords-0").Input("机房断电");
        cut.WaitForAssertion(() => Assert.Contains("保存前请写明修改原因", cut.Markup));
        Assert.False(SaveIsOn(cut));                                                    // a change, but no reason given
        Box(cut, "rules-comment").Input("   ");
        Assert.False(SaveIsOn(cut));
        Box(cut, "rules-comment").Input("机房断电按P1处理");
        cut.WaitForAssertion(() => Assert.True(SaveIsOn(cut)));

        // Someone saved meanwhile: this save is refused and says so, and the button stays on for another try.
        await Rules.SaveAsync(Admin, RuleKinds.Grading, "4502", """{ "scope": "4502" }""", null, "数据局先改了");
        await cut.InvokeAsync(() => cut.Find("[data-testid=rules-save]").Click());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=rules-problems]")));
        Assert.True(SaveIsOn(cut));
        Box(cut, "rules-comment").Input("机房断电一律按P1处理");
        Assert.True(SaveIsOn(cut));
        Assert.Empty(cut.FindAll("[data-testid=rules-problems]"));                      // the refusal is gone with the next change
    }

    [Fact]
    public async Task Save_WithAComment_SavesAVersion_AndTheButtonWaitsForTheNextChange()
    {
        SignIn("liuzhou@xinchuang.local", Roles.MunicipalCoordinator, "4502");
        var snackbar = _ctx.Render<MudSnackbarProvider>();
        var cut = _ctx.Render<GradingRulesPage>(p => p.Add(x => x.Scope, "4502"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input[data-testid='keywords-0'], [data-testid='keywords-0'] input")));
        Box(cut, "keywords-0").Input("机房断电");
        Box(cut, "rules-comment").Input("机房断电按P1处理");
        await cut.InvokeAsync(() => cut.Find("[data-testid=rules-save]").Click());
        snackbar.WaitForAssertion(() => Assert.Contains("v1", snackbar.Markup));
        cut.WaitForAssertion(() => Assert.False(SaveIsOn(cut)));
        Assert.Equal(1, (await Rules.GetAsync(Admin, RuleKinds.Grading, "4502")).Version);
    }

    [Fact]
    public async Task RollBack_AsksFirst_AndOnlyAConfirmedOneSavesTheOldVersion()
    {
        SignIn("admin@xinchuang.local", Roles.DataBureauAdmin);
        var region = await Rules.GetAsync(Admin, RuleKinds.Grading, RuleKinds.RegionScope);
        var doc = RuleOverrides.Parse(region.Json);
        doc["rows"]!.AsArray().RemoveAt(0);
        await Rules.SaveAsync(Admin, RuleKinds.Grading, RuleKinds.RegionScope, doc.ToJsonString(), region.Version, "删去第一行");
        var latest = region.Version + 1;

        var dialogs = _ctx.Render<MudDialogProvider>();
        var cut = _ctx.Render<GradingRulesPage>(p => p.Add(x => x.Scope, RuleKinds.RegionScope));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"[data-testid=rollback-{region.Version}]")));

        await cut.InvokeAsync(() => cut.Find($"[data-testid=rollback-{region.Version}]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains($"恢复到 v{region.Version}？", dialogs.Markup));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Contains("返回")).Click());
        dialogs.WaitForAssertion(() => Assert.DoesNotContain($"恢复到 v{region.Version}？", dialogs.Markup));
        Assert.Equal(latest, (await Rules.GetAsync(Admin, RuleKinds.Grading, RuleKinds.RegionScope)).Version);   // nothing happened

        await cut.InvokeAsync(() => cut.Find($"[data-testid=rollback-{region.Version}]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains($"恢复到 v{region.Version}？", dialogs.Markup));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Contains("恢复此版本")).Click());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"[data-testid=version-{latest + 1}]")));
        var restored = await Rules.GetAsync(Admin, RuleKinds.Grading, RuleKinds.RegionScope);
        Assert.Equal(latest + 1, restored.Version);
        Assert.Equal(RuleOverrides.Parse(region.Json).ToJsonString(), RuleOverrides.Parse(restored.Json).ToJsonString());
    }

    [Fact]
    public void TheGradingPage_OfACityFollowingTheRegion_SpeaksOfGradingRows_NotOfEscalationLevels()
    {
        SignIn("liuzhou@xinchuang.local", Roles.MunicipalCoordinator, "4502");
        var cut = _ctx.Render<GradingRulesPage>(p => p.Add(x => x.Scope, "4502"));
        cut.WaitForAssertion(() => Assert.Contains("本市沿用全区定级规则", cut.Find("[data-testid=rows-source]").TextContent));
        Assert.DoesNotContain("升级级别", cut.Markup);
    }

    [Fact]
    public async Task ACoordinator_ReadsTheLimitsThatBindTheirCity_WithTheCitysValue_AndChangesNothing()
    {
        await Rules.SaveAsync(Actor.Of("nanning@xinchuang.local", [Roles.MunicipalCoordinator], cityCode: "4501"), RuleKinds.Sla, "4501",
            """{ "scope": "4501", "onSite": { "sameCity": "PT3H" } }""", null, "南宁到场3小时");
        SignIn("nanning@xinchuang.local", Roles.MunicipalCoordinator, "4501");
        var cut = _ctx.Render<RuleLimitsPage>(p => p.Add(x => x.Kind, RuleKinds.Sla));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=limits-table]")));
        Assert.Contains("南宁市", cut.Markup);
        Assert.Contains("3 小时", cut.Find("[data-testid='city-value-onSite.sameCity']").TextContent);   // the city's own value beside the region's
        Assert.Contains("4 小时", cut.Find("[data-testid='limit-onSite.sameCity-max']").TextContent);    // the bound, as text
        Assert.Empty(cut.FindAll("input"));                                                              // nothing to edit
        Assert.Empty(cut.FindAll("[data-testid=rules-save]"));
        Assert.Empty(cut.FindAll("[data-testid=rules-history]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=limits-read-only]"));
    }
}
