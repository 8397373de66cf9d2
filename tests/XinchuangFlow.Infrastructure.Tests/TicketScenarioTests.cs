using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// The shipped <c>service-ticket</c> and <c>complaint</c> definitions driven end to end on a real database with a
/// FakeTimeProvider: SLA targets, escalation, pause across a policy change, dispatch exclusions, complaints, and
/// definition edits that only reach new tickets.
/// </summary>
public abstract class TicketScenarioTests : IAsyncLifetime
{
    // 2026-11-27 09:00 China time.
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private EngineHarness _h = null!;
    private ScenarioNetwork _net = null!;
    protected abstract ITestDatabases Databases { get; }

    private FakeTimeProvider Clock => _h.Clock;
    private TicketIntakeService Intake => _h.Services.GetRequiredService<TicketIntakeService>();
    private CaseQueryService Queries => _h.Services.GetRequiredService<CaseQueryService>();
    private TicketActionService Actions => _h.Services.GetRequiredService<TicketActionService>();
    private static readonly Actor Admin = Actor.Of("admin@test", [Roles.DataBureauAdmin]);
    private static readonly Actor Dispatcher = Actor.Of("dispatcher@test", [Roles.Dispatcher]);

    private Task<(Ticket Ticket, bool Duplicate)> CreateAsync(TicketRequest request, string user) => Intake.CreateTrustedAsync(request, user, mayNameIntegrator: true);

    public async Task InitializeAsync()
    {
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0));
        // The definitions under test are the shipped files, imported as the app imports them.
        await _h.Initializer.ImportAsync(CancellationToken.None);
        _net = await ScenarioNetwork.CreateAsync(_h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>());
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    private static TicketRequest Request(string county, string category, string title = "统信UOS终端无法开机", string? key = null) => new()
    {
        Channel = "portal", ProcurementUnit = "南宁市青秀区财政局", ContactName = "陆工", ContactPhone = "0771-5550101",
        CityCode = county[..4], CountyCode = county, ProductCategory = category, Impact = "single",
        Title = title, Description = "开机后黑屏，无法登录系统。", RequestKey = key,
    };

    private async Task<Ticket> TicketAsync(Guid id) => (await _h.Services.GetRequiredService<ITicketRepository>().FindTicketAsync(id))!;

    private async Task CompleteAsync(Ticket ticket, string activityId, string outcome, string user, JsonObject? data = null)
    {
        var task = await _h.OpenTaskAsync(ticket.InstanceId, activityId);
        await _h.Runtime.CompleteTaskAsync(task.Id, outcome, data ?? [], user);
    }

    private async Task<List<Notification>> NotificationsAsync(Guid instanceId, string clockZh) =>
        (await _h.Store.GetNotificationsAsync(instanceId)).Where(n => n.Subject.Contains(clockZh)).ToList();

    private async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        while (await _h.Runtime.DrainTimersAsync() > 0) { }
    }

    /// <summary>The stored text of the contact columns of one ticket, read past EF (what a copy of the database shows).</summary>
    private async Task<string?[]> StoredContactAsync(string number)
    {
        await using var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"ContactName\", \"ContactPhone\", \"ContactEmail\" FROM xf_tickets WHERE \"Number\" = '" + number + "'";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return [reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task ContactsNamesPhonesAndAddresses_AreStoredSm4Encrypted_ReadBackPlain_FoundByNumber_AndOldPlainRowsAreEncryptedAtStart()
    {
        var request = Request(ScenarioNetwork.Qingxiu, "terminal");
        request.ContactEmail = "lu.gong@qingxiu.gov.cn";
        var (ticket, _) = await CreateAsync(request, "unit@test");

        // A copy of the database shows none of it; each value is SM4 text under the key file outside the database.
        var stored = await StoredContactAsync(ticket.Number);
        Assert.All(stored, v => Assert.StartsWith("sm4:", v));
        Assert.DoesNotContain(stored, v => v!.Contains("5550101") || v.Contains("陆工") || v.Contains("lu.gong"));
        // The app reads them as typed, and the hotline's lookup by the caller's number still finds the ticket (an indexed equality).
        var read = await TicketAsync(ticket.Id);
        Assert.Equal(("陆工", "0771-5550101", "lu.gong@qingxiu.gov.cn"), (read.ContactName, read.ContactPhone, read.ContactEmail));
        await using (var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
            Assert.Equal([ticket.Id], await db.Tickets.Where(t => t.ContactPhone == "0771-5550101").Select(t => t.Id).ToListAsync());

        // A row written before encryption (or by an older node) is plain text: read as it is, encrypted by the start-up sweep.
        await ExecuteAsync($"UPDATE xf_tickets SET \"ContactName\" = '老联系人', \"ContactPhone\" = '0771-5550199' WHERE \"Number\" = '{ticket.Number}'");
        Assert.Equal("0771-5550199", (await TicketAsync(ticket.Id)).ContactPhone);
        await using (var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
            Assert.Equal(1, await XinchuangFlow.Infrastructure.Security.FieldEncryptionSweep.RunAsync(db));
        stored = await StoredContactAsync(ticket.Number);
        Assert.All(stored, v => Assert.StartsWith("sm4:", v));
        read = await TicketAsync(ticket.Id);
        Assert.Equal(("老联系人", "0771-5550199", "lu.gong@qingxiu.gov.cn"), (read.ContactName, read.ContactPhone, read.ContactEmail));
        await using (var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
            Assert.Equal(0, await XinchuangFlow.Infrastructure.Security.FieldEncryptionSweep.RunAsync(db));   // nothing left to do

        // A stored value somebody changed is refused, not shown as a wrong name.
        var changed = stored[0]![..^2] + (stored[0]![^2] == 'A' ? "B" : "A") + stored[0]![^1];
        await ExecuteAsync($"UPDATE xf_tickets SET \"ContactName\" = '{changed}' WHERE \"Number\" = '{ticket.Number}'");
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => TicketAsync(ticket.Id));
        Assert.Contains("was changed, or another key", Flatten(refused));
    }

    [Fact]
    public async Task ANodeStartedWithAnotherKeyFile_RefusesToStart_SayingSo_AndChangesNothing()
    {
        var (ticket, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        var before = await StoredContactAsync(ticket.Number);
        var otherKey = Path.Combine(Path.GetTempPath(), "xf-otherkey-" + Guid.NewGuid().ToString("N") + ".key");
        try
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => EngineHarness.StartAsync(Databases.Provider, _h.Services
                .GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.ConnectionString, new FakeTimeProvider(T0),
                settings: new Dictionary<string, string?> { ["Security:KeyFile"] = otherKey }));
            Assert.Contains("another key than this node's Security:KeyFile", refused.Message);
        }
        finally { File.Delete(otherKey); }
        Assert.Equal(before, await StoredContactAsync(ticket.Number));
        Assert.Equal("0771-5550101", (await TicketAsync(ticket.Id)).ContactPhone);
    }

    [Fact]
    public async Task ThePlatformGauges_CountWhatTheDatabaseHolds()
    {
        var metrics = _h.Services.GetRequiredService<XinchuangFlow.Infrastructure.Hosting.PlatformMetrics>();
        var db = _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();
        await metrics.RefreshAsync(db, Clock, CancellationToken.None);
        Assert.Equal((0L, 0L, 0L), (metrics.Now.OpenTickets, metrics.Now.TimersWaiting, metrics.Now.OpenTasksByAge.Values.Sum()));
        await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        Clock.Advance(TimeSpan.FromHours(2));
        await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal", "第二台终端无法开机"), "unit@test");
        await metrics.RefreshAsync(db, Clock, CancellationToken.None);
        var now = metrics.Now;
        Assert.Equal(2, now.OpenTickets);
        Assert.Equal(0, now.BreachedOpenTickets);
        Assert.Equal((1L, 1L, 0L, 0L), (now.OpenTasksByAge["lt1h"], now.OpenTasksByAge["1h-4h"], now.OpenTasksByAge["4h-24h"], now.OpenTasksByAge["gt24h"]));
        await using var ctx = await db.CreateDbContextAsync();
        Assert.Equal(await ctx.Timers.CountAsync(), now.TimersWaiting + now.TimersDue);
        Assert.True(now.TimersWaiting > 0);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    [Fact]
    public async Task TheClockThatMatters_IsKeptOnTheTicket()
    {
        var (ticket, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        // Response (2 h for P3) runs out before resolution: it is the one that matters, warned at 80 %.
        Assert.Equal("response", ticket.NextClock);
        Assert.Equal(ticket.ResponseDueAt, ticket.NextDueAt);
        Assert.Equal(ticket.ResponseDueAt!.Value - TimeSpan.FromMinutes(24), ticket.NextWarnAt);
        Assert.Equal(DeadlineState.OnTime, ticket.DeadlineStateAt(Clock.GetUtcNow()));
        Assert.Equal(DeadlineState.Warned, ticket.DeadlineStateAt(ticket.NextWarnAt!.Value));
        Assert.Equal(DeadlineState.Breached, ticket.DeadlineStateAt(ticket.NextDueAt!.Value));

        await CompleteAsync(ticket, "accept", TicketOutcomes.Accept, _net.ValidNanning.UserName);
        ticket = await TicketAsync(ticket.Id);
        Assert.Equal("onsite", ticket.NextClock);                         // 4 h on site comes before 48 h resolution
        Assert.Equal(ticket.OnSiteDueAt, ticket.NextDueAt);
    }

    [Fact]
    public async Task ACitysOverrides_ChangeOnlyTheirFields_FollowTheRegionElsewhere_AndARollBackRestoresTheEarlierRules()
    {
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleService>();
        var liuzhouCoordinator = Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502");
        var nanningCoordinator = Actor.Of("nanning@test", [Roles.MunicipalCoordinator], cityCode: "4501");
        var bureau = Actor.Of("admin@test", [Roles.DataBureauAdmin]);
        var liuzhou = GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code;
        async Task<Ticket> AcceptedAsync(string county, string category, string title)
        {
            var (t, _) = await CreateAsync(Request(county, category, title), "unit@test");
            await CompleteAsync(t, "accept", TicketOutcomes.Accept, t.TechnicianUser!);
            return await TicketAsync(t.Id);
        }

        // Liuzhou stores only what it changes: on site within 3 h.
        var v1 = await rules.SaveAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", """{ "scope": "4502", "onSite": { "sameCity": "PT3H" } }""", null, "柳州加快到场");
        Assert.Equal(1, v1.Version);
        var lz = await AcceptedAsync(liuzhou, "database", "达梦数据库无法启动");
        Assert.Equal(TimeSpan.FromHours(3), lz.Clocks().OnSite.Target);
        Assert.Contains("sla/4502", Domain.Sla.TargetReason.Describe(lz.Clocks().OnSite.TargetReason));
        var nn = await AcceptedAsync(ScenarioNetwork.Qingxiu, "terminal", "终端无法开机");
        Assert.Equal(TimeSpan.FromHours(4), nn.Clocks().OnSite.Target);

        // The region changes a field Liuzhou did not touch: Liuzhou follows it.
        var region = RuleOverrides.Parse((await rules.GetAsync(bureau, RuleKinds.Sla, RuleKinds.RegionScope)).Json);
        foreach (var g in new[] { "P1", "P2", "P3", "P4" }) region["response"]![g] = "PT45M";
        await rules.SaveAsync(bureau, RuleKinds.Sla, RuleKinds.RegionScope, region.ToJsonString(), null, "全区响应统一为45分钟");
        var (lz2, _) = await CreateAsync(Request(liuzhou, "database", "达梦数据库无法启动"), "unit@test");
        Assert.Equal(TimeSpan.FromMinutes(45), lz2.Clocks().Response.Target);

        // A second change, then back to the first: a new version equal to the old one, with the reasons in the history.
        await rules.SaveAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", """{ "onSite": { "sameCity": "PT2H" } }""", 1, "再加快");
        Assert.Equal(TimeSpan.FromHours(2), (await AcceptedAsync(liuzhou, "database", "达梦数据库无法启动")).Clocks().OnSite.Target);
        var v3 = await rules.RollBackAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", 1, "2小时做不到");
        Assert.Equal(3, v3.Version);
        Assert.Equal(TimeSpan.FromHours(3), (await AcceptedAsync(liuzhou, "database", "达梦数据库无法启动")).Clocks().OnSite.Target);
        var history = await rules.HistoryAsync(liuzhouCoordinator, RuleKinds.Sla, "4502");
        Assert.Equal([3, 2, 1], history.Select(h => h.Version!.Value).ToArray());
        Assert.Equal(["roll-back", "save", "save"], history.Select(h => h.Action).ToArray());
        Assert.Contains("2小时做不到", history[0].Comment);
        Assert.Equal(["onSite.sameCity"], (await rules.EditorAsync(liuzhouCoordinator, RuleKinds.Sla, "4502")).Differences.ToArray());

        // Refusals: no comment; a value out of bounds (checked merged onto the region); another city's rules do not exist for Nanning.
        var noComment = await Assert.ThrowsAsync<InvalidInputException>(() => rules.SaveAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", "{}", null, " "));
        Assert.Contains("comment", noComment.Message);
        var absurd = await Assert.ThrowsAsync<InvalidInputException>(() =>
            rules.SaveAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", """{ "onSite": { "sameCity": "PT999H" } }""", null, "试试"));
        Assert.Contains("30 days", absurd.Message);
        var looser = await Assert.ThrowsAsync<InvalidInputException>(() =>
            rules.SaveAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", """{ "onSite": { "sameCity": "PT5H" } }""", null, "放宽到5小时"));
        Assert.Contains("onSite.sameCity is PT5H; the Data Bureau allows at most PT4H", looser.Message);
        var ownLimits = await Assert.ThrowsAsync<InvalidInputException>(() =>
            rules.SaveAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", """{ "cityLimits": { "onSite.sameCity": { "max": "PT9H" } }, "onSite": { "sameCity": "PT5H" } }""", null, "改限额"));
        Assert.Contains("at most PT4H", ownLimits.Message);                              // a city cannot move the limits
        await Assert.ThrowsAsync<NotFoundException>(() => rules.GetAsync(nanningCoordinator, RuleKinds.Sla, "4502"));
        await Assert.ThrowsAsync<NotFoundException>(() => rules.SaveAsync(nanningCoordinator, RuleKinds.Sla, "4502", "{}", null, "越权"));
        Assert.Equal(3, (await rules.GetAsync(bureau, RuleKinds.Sla, "4502")).Version);
    }

    [Fact]
    public async Task SameCityTicketGets4hOnSiteDeadline_OtherCityTicketGets12h_AndDispatchNeverPicksExpiredOrSuspended()
    {
        var (same, duplicate) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        Assert.False(duplicate);
        Assert.Matches(@"^GX-4501-20261127-0000\d$", same.Number);
        Assert.Equal(Grade.P3, same.Grade);
        Assert.Equal(TicketStatus.Dispatched, same.Status);
        // The expired certificate and the suspended integrator sit in the requester's own county; the valid
        // technician is elsewhere in the same city and is chosen.
        Assert.Equal(_net.ValidNanning.UserName, same.TechnicianUser);
        var explanation = JsonNode.Parse(same.DispatchExplanation!)!;
        var rejected = explanation["rejected"]!.AsArray().Select(r => (r!["technician"]!.GetValue<string>(), r["code"]!.GetValue<string>())).ToList();
        Assert.Contains((_net.Expired.Name, "certificate-expired"), rejected);
        Assert.Contains((_net.Suspended.Name, "enterprise-inactive"), rejected);

        var (other, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "database", "达梦数据库无法启动"), "unit@test");
        Assert.Equal(_net.Liuzhou.UserName, other.TechnicianUser);

        Clock.Advance(TimeSpan.FromMinutes(10));
        await CompleteAsync(same, "accept", TicketOutcomes.Accept, _net.ValidNanning.UserName);
        await CompleteAsync(other, "accept", TicketOutcomes.Accept, _net.Liuzhou.UserName);
        var acceptedAt = Clock.GetUtcNow();

        same = await TicketAsync(same.Id);
        other = await TicketAsync(other.Id);
        Assert.Equal(TicketStatus.Accepted, same.Status);
        Assert.Equal(TimeSpan.FromHours(4), same.Clocks().OnSite.Target);
        Assert.Equal(acceptedAt + TimeSpan.FromHours(4), same.OnSiteDueAt);
        Assert.Contains("requester's city", Domain.Sla.TargetReason.Describe(same.Clocks().OnSite.TargetReason));
        Assert.Equal(TimeSpan.FromHours(12), other.Clocks().OnSite.Target);
        Assert.Equal(acceptedAt + TimeSpan.FromHours(12), other.OnSiteDueAt);
        // The response clock stopped at acceptance, within its P3 target of 2 h.
        Assert.Equal(ClockState.Stopped, same.Clocks().Response.State);
        Assert.Equal(TimeSpan.FromMinutes(10), same.Clocks().Response.Consumed);
        Assert.False(same.Breached);
    }

    [Fact]
    public async Task RulesWithoutOpenTime_StoredBeforeTheyWereChecked_StillDispatchTheTicket_AndAnIncidentNamesTheRules()
    {
        // A row written before saves were checked (or edited in the database): Nanning's calendar closes every weekday.
        const string closed = """{ "calendar": "closed", "calendars": { "closed": { "windows": ["08:30-12:00"], "workingDays": [] } } }""";
        await using (var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            db.RuleSets.Add(new RuleSet { Kind = RuleKinds.Sla, Scope = "4501", Version = 3, Json = closed, UpdatedAt = T0, UpdatedBy = "legacy@test" });
            await db.SaveChangesAsync();
        }
        // Saved today, the same document is refused.
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleService>();
        var nanning = Actor.Of("nanning@test", [Roles.MunicipalCoordinator], cityCode: "4501");
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => rules.SaveAsync(nanning, RuleKinds.Sla, "4501", closed, 3, "一直关门"));
        Assert.Contains("has no open time", string.Join(" ", refused.Errors["calendar"]));

        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        // The flow did not fault at the clocks: the ticket is dispatched as any other.
        Assert.Equal(TicketStatus.Dispatched, t.Status);
        Assert.Equal(_net.ValidNanning.UserName, t.TechnicianUser);
        Assert.Equal(WorkflowStatus.Waiting, (await _h.InstanceAsync(t.InstanceId)).Status);   // not Faulted: waiting for the technician
        // Its clocks run without a due time, and no escalation timer waits for them.
        Assert.Equal((ClockState.Running, ClockState.Running), (t.Clocks().Response.State, t.Clocks().Resolution.State));
        Assert.Equal((null, null, null), (t.ResponseDueAt, t.ResolutionDueAt, t.NextDueAt));
        Assert.DoesNotContain((await _h.InstanceAsync(t.InstanceId)).Bookmarks, b => b.Kind == BookmarkKind.Timer);
        // One open incident per clock names the rules (kind, scope, version) and the clock.
        var incidents = await _h.Store.GetIncidentsAsync(t.InstanceId);
        Assert.Equal(["startResolution", "startResponse"], incidents.Select(i => i.ActivityId).Order(StringComparer.Ordinal).ToArray());
        Assert.All(incidents, i => Assert.Null(i.ResolvedAt));
        var response = incidents.Single(i => i.ActivityId == "startResponse").Message;
        Assert.Contains("rules sla/4501 v3", response);
        Assert.Contains("the response clock", response);
        Assert.Contains(t.Number, response);

        // The work goes on: the technician accepts, the on-site clock starts (another incident) and the visit is planned.
        await CompleteAsync(t, "accept", TicketOutcomes.Accept, _net.ValidNanning.UserName);
        var accepted = await TicketAsync(t.Id);
        Assert.Equal(TicketStatus.Accepted, accepted.Status);
        Assert.Equal(ClockState.Running, accepted.Clocks().OnSite.State);
        Assert.Null(accepted.OnSiteDueAt);
        Assert.Contains(await _h.Store.GetIncidentsAsync(t.InstanceId), i => i.ActivityId == "startOnsite" && i.Message.Contains("the onsite clock"));
        await _h.OpenTaskAsync(t.InstanceId, "handle");

        // The recompute preview refuses such rules with the reason instead of failing.
        var recompute = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleRecomputeService>();
        var notNow = await Assert.ThrowsAsync<InvalidInputException>(() => recompute.PreviewAsync(nanning, "4501"));
        Assert.Contains("cannot give every ticket a deadline", string.Join(" ", notNow.Errors["rules"]));
        Assert.Contains("has no open time", string.Join(" ", notNow.Messages));

        // Corrected rules and a recompute give the open clocks their deadlines.
        await rules.SaveAsync(nanning, RuleKinds.Sla, "4501", """{ "calendar": "natural" }""", 3, "恢复自然时间");
        Assert.Equal(1, await recompute.RecomputeAsync(nanning, "4501", "日历修正"));
        var fixedUp = await TicketAsync(t.Id);
        Assert.Equal(fixedUp.Clocks().Resolution.StartedAt + fixedUp.Clocks().Resolution.Target, fixedUp.ResolutionDueAt);
        Assert.NotNull(fixedUp.OnSiteDueAt);
    }

    [Fact]
    public async Task TheUnitsContractNamesTheIntegrator_AndACitysOwnRulesReplaceTheRegionalOnes()
    {
        var factory = _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();
        var contracted = new ProcurementUnit { Id = Guid.CreateVersion7(), Name = "青秀区财政局", CityCode = "4501", CountyCode = ScenarioNetwork.Qingxiu, IntegratorId = _net.ValidNanning.EnterpriseId };
        var withSuspended = new ProcurementUnit { Id = Guid.CreateVersion7(), Name = "青秀区教育局", CityCode = "4501", CountyCode = ScenarioNetwork.Qingxiu, IntegratorId = _net.Suspended.EnterpriseId };
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.ProcurementUnits.AddRange(contracted, withSuspended);
            await db.SaveChangesAsync();
        }
        // Nanning keeps its own SLA rules: on site within 3 h in the same city.
        var store = _h.Services.GetRequiredService<EfRuleStore>();
        var sla = JsonNode.Parse((await store.GetAsync(RuleKinds.Sla, null)).Json, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        sla["onSite"]!["sameCity"] = "PT3H";
        await store.SaveAsync(RuleKinds.Sla, "4501", sla.ToJsonString(), "nanning@test");

        var request = Request(ScenarioNetwork.Qingxiu, "terminal");
        request.ProcurementUnitId = contracted.Id;
        request.ProcurementUnit = "";
        var (t, _) = await CreateAsync(request, "unit@test");
        Assert.Equal("青秀区财政局", t.ProcurementUnit);
        Assert.Equal(_net.ValidNanning.EnterpriseId, t.IntegratorId);
        await CompleteAsync(t, "accept", TicketOutcomes.Accept, t.TechnicianUser!);
        var onSite = (await TicketAsync(t.Id)).Clocks().OnSite;
        Assert.Equal(TimeSpan.FromHours(3), onSite.Target);
        Assert.Contains("sla/4501", Domain.Sla.TargetReason.Describe(onSite.TargetReason));

        var suspendedRequest = Request(ScenarioNetwork.Qingxiu, "terminal");
        suspendedRequest.ProcurementUnitId = withSuspended.Id;
        var (s, _) = await CreateAsync(suspendedRequest, "unit@test");
        Assert.Equal(_net.Suspended.EnterpriseId, s.IntegratorId);
        Assert.Null(s.TechnicianUser);
        Assert.Contains("已暂停", JsonNode.Parse(s.DispatchExplanation!)!["ruleZh"]!.GetValue<string>());
        Assert.Equal("Dispatcher", (await _h.OpenTaskAsync(s.InstanceId, "manualDispatch")).AssigneeRole);
        // Not a dead end: the dispatcher is offered the technicians of the integrators still on the shortlist, and the
        // one chosen makes their enterprise the one serving the ticket.
        var offered = await _h.Services.GetRequiredService<DispatchCandidateService>().ForTicketAsync(Dispatcher, s.Number);
        Assert.Contains("已暂停", offered.RuleZh);
        Assert.Contains(offered.Qualified, q => q.UserName == _net.ValidNanning.UserName);
        await CompleteAsync(s, "manualDispatch", TicketOutcomes.Dispatch, "dispatcher@test",
            new JsonObject { ["technicianUser"] = _net.ValidNanning.UserName, ["reason"] = "责任集成商暂停，由平台协调其他企业" });
        var handed = await TicketAsync(s.Id);
        Assert.Equal((_net.ValidNanning.UserName, _net.ValidNanning.EnterpriseId), (handed.TechnicianUser, handed.IntegratorId));
    }

    [Fact]
    public async Task EscalationFiresEachLevelOnce_AndStopsWhenTheClockStops()
    {
        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        await CompleteAsync(t, "accept", TicketOutcomes.Accept, _net.ValidNanning.UserName);   // on-site clock: 4 h

        await AdvanceAsync(TimeSpan.FromMinutes(119));
        Assert.Empty(await NotificationsAsync(t.InstanceId, "到场"));
        await AdvanceAsync(TimeSpan.FromMinutes(1));     // 2 h = 50 %
        var fired = await NotificationsAsync(t.InstanceId, "到场");
        Assert.Equal("Dispatcher", Assert.Single(fired).ToRole);
        await AdvanceAsync(TimeSpan.FromMinutes(30));    // still below 80 %: nothing new, nothing repeated
        Assert.Single(await NotificationsAsync(t.InstanceId, "到场"));
        await AdvanceAsync(TimeSpan.FromMinutes(42));    // 3 h 12 min = 80 %
        fired = await NotificationsAsync(t.InstanceId, "到场");
        Assert.Equal(["Dispatcher", "EnterpriseManager"], fired.OrderBy(n => n.CreatedAt).Select(n => n.ToRole!).ToArray());

        await AdvanceAsync(TimeSpan.FromMinutes(18));    // 3.5 h: the technician arrives
        await CompleteAsync(t, "handle", TicketOutcomes.CheckIn, _net.ValidNanning.UserName, new JsonObject { ["location"] = "青秀区财政局三楼机房" });
        var arrived = await TicketAsync(t.Id);
        Assert.Equal(TicketStatus.OnSite, arrived.Status);
        Assert.Equal(ClockState.Stopped, arrived.Clocks().OnSite.State);
        Assert.False(arrived.Clocks().OnSite.Breached(Clock.GetUtcNow(), WorkingCalendar.Natural));
        Assert.Equal([50, 80], arrived.Clocks().OnSite.Escalated);

        await AdvanceAsync(TimeSpan.FromHours(2));       // past the 4 h deadline: the stopped clock never escalates
        fired = await NotificationsAsync(t.InstanceId, "到场");
        Assert.Equal(2, fired.Count);
        Assert.DoesNotContain(fired, n => n.ToRole == "MunicipalCoordinator");
        Assert.False((await TicketAsync(t.Id)).Breached);
        // The on-site watch has ended; what waits now is the technician's resolution task and the resolution watch.
        var waits = (await _h.InstanceAsync(t.InstanceId)).Bookmarks.Select(b => b.ActivityId).Distinct().Order().ToArray();
        Assert.Equal(["resolveTask", "watchResolution"], waits);
    }

    [Fact]
    public async Task LiuzhouSetsP1OnSiteTo3Hours_ALiuzhouP1TicketGets3Hours_ANanningOneKeeps4()
    {
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleService>();
        var liuzhouCoordinator = Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502");
        await rules.SaveAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", """{ "onSite": { "byGrade": { "P1": { "sameCity": "PT3H", "otherCity": "PT12H" } } } }""", null, "P1到场3小时");
        var (lz, _) = await CreateAsync(Request(GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code, "database", "核心系统数据库宕机"), "unit@test");
        var (nn, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal", "核心系统终端全部瘫痪"), "unit@test");
        Assert.Equal((Grade.P1, Grade.P1), (lz.Grade, nn.Grade));
        await CompleteAsync(lz, "accept", TicketOutcomes.Accept, lz.TechnicianUser!);
        await CompleteAsync(nn, "accept", TicketOutcomes.Accept, nn.TechnicianUser!);
        Assert.Equal(TimeSpan.FromHours(3), (await TicketAsync(lz.Id)).Clocks().OnSite.Target);
        Assert.Equal(TimeSpan.FromHours(4), (await TicketAsync(nn.Id)).Clocks().OnSite.Target);
        // A P3 ticket in Liuzhou keeps the general 4 h.
        var (p3, _) = await CreateAsync(Request(GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code, "database", "数据库无法登录"), "unit@test");
        await CompleteAsync(p3, "accept", TicketOutcomes.Accept, p3.TechnicianUser!);
        Assert.NotEqual(Grade.P1, p3.Grade);
        Assert.Equal(TimeSpan.FromHours(4), (await TicketAsync(p3.Id)).Clocks().OnSite.Target);
    }

    [Fact]
    public async Task WhatIf_ReplaysTheCitysTicketsFromTheirClockHistory_ReproducesTheRecordedBreaches_AndWritesNothing()
    {
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleService>();
        var liuzhouCoordinator = Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502");
        var liuzhou = GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code;
        // Two Liuzhou P1 tickets: one technician on site after 3.5 h, the other after 2 h; a Nanning ticket after 3.5 h.
        var (slow, _) = await CreateAsync(Request(liuzhou, "database", "核心系统数据库宕机"), "unit@test");
        var (quick, _) = await CreateAsync(Request(liuzhou, "database", "核心系统数据库宕机", key: "quick"), "unit@test");
        var (nanning, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal", "核心系统终端全部瘫痪"), "unit@test");
        foreach (var t in new[] { slow, quick, nanning }) await CompleteAsync(t, "accept", TicketOutcomes.Accept, t.TechnicianUser!);
        await AdvanceAsync(TimeSpan.FromHours(2));
        await CompleteAsync(quick, "handle", TicketOutcomes.CheckIn, quick.TechnicianUser!);
        await AdvanceAsync(TimeSpan.FromHours(1.5));
        await CompleteAsync(slow, "handle", TicketOutcomes.CheckIn, slow.TechnicianUser!);
        await CompleteAsync(nanning, "handle", TicketOutcomes.CheckIn, nanning.TechnicianUser!);
        var before = await TicketAsync(slow.Id);
        var versions = (await rules.HistoryAsync(liuzhouCoordinator, RuleKinds.Sla, "4502")).Count;

        var result = await rules.WhatIfAsync(liuzhouCoordinator, RuleKinds.Sla, "4502",
            """{ "onSite": { "byGrade": { "P1": { "sameCity": "PT3H", "otherCity": "PT12H" } } } }""", T0.AddDays(-1), T0.AddDays(1));

        var c = result.Comparison;
        Assert.Equal(2, c.Tickets);                                             // Liuzhou's only
        var onSiteNow = c.Current.Clocks.Single(x => x.Kind == ClockKind.OnSite);
        var onSiteThen = c.Proposed.Clocks.Single(x => x.Kind == ClockKind.OnSite);
        Assert.Equal((2, 2, 0), (onSiteNow.Started, onSiteNow.OnTime, onSiteNow.Breached));   // 3.5 h and 2 h of 4 h
        Assert.Equal((2, 1, 1), (onSiteThen.Started, onSiteThen.OnTime, onSiteThen.Breached)); // 3.5 h of 3 h is late
        // The rules in force reproduce what was recorded: no breach, and the on-site escalations the flow really sent.
        Assert.Equal(0, c.Current.BreachedTickets);
        Assert.False(before.Breached);
        Assert.Equal(before.Clocks().OnSite.Escalated.Order(), c.Changed.Single().Current.Clocks.Single(x => x.Kind == ClockKind.OnSite).Levels);
        var changed = Assert.Single(c.Changed);
        Assert.Equal(slow.Number, changed.Number);
        Assert.Equal([50, 80, 100], changed.Proposed.Clocks.Single(x => x.Kind == ClockKind.OnSite).Levels);
        Assert.Equal(c.Current.EscalationsByLevel[100] + 1, c.Proposed.EscalationsByLevel[100]);

        // Nothing was written: no new version, the ticket unchanged, and a new Liuzhou P1 ticket still gets 4 h.
        Assert.Equal(versions, (await rules.HistoryAsync(liuzhouCoordinator, RuleKinds.Sla, "4502")).Count);
        Assert.Equal(before.Version, (await TicketAsync(slow.Id)).Version);
        var (next, _) = await CreateAsync(Request(liuzhou, "database", "核心系统数据库宕机", key: "next"), "unit@test");
        await CompleteAsync(next, "accept", TicketOutcomes.Accept, next.TechnicianUser!);
        Assert.Equal(TimeSpan.FromHours(4), (await TicketAsync(next.Id)).Clocks().OnSite.Target);

        // The default period is the last full quarter in China time: nothing of these days in it.
        var lastQuarter = await rules.WhatIfAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", "{}", null, null);
        Assert.Equal((0, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.FromHours(8))), (lastQuarter.Comparison.Tickets, lastQuarter.From));

        // Bad proposals and periods get clear refusals; another city's tickets are not the Liuzhou coordinator's to replay.
        var loose = await Assert.ThrowsAsync<InvalidInputException>(() => rules.WhatIfAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", """{ "onSite": { "sameCity": "PT5H" } }""", null, null));
        Assert.Contains("allows at most PT4H", loose.Message + string.Join(" ", loose.Errors.SelectMany(e => e.Value)));
        await Assert.ThrowsAsync<InvalidInputException>(() => rules.WhatIfAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", "{}", T0, T0.AddDays(-1)));
        await Assert.ThrowsAsync<InvalidInputException>(() => rules.WhatIfAsync(liuzhouCoordinator, RuleKinds.Dispatch, "4502", "{}", null, null));
        await Assert.ThrowsAsync<NotFoundException>(() => rules.WhatIfAsync(liuzhouCoordinator, RuleKinds.Sla, "4501", "{}", null, null));
    }

    [Fact]
    public async Task ACitysGradingRow_GradesItsOwnTickets_AndNoOtherCitys_AndARollBackUndoesIt()
    {
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleService>();
        var liuzhouCoordinator = Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502");
        var regional = XinchuangFlow.Domain.Grading.GradingTable.Parse((await rules.EditorAsync(liuzhouCoordinator, RuleKinds.Grading, "4502")).EffectiveJson).Rows;
        var rows = new System.Text.Json.Nodes.JsonArray(
            [new JsonObject { ["id"] = "lz-finance", ["grade"] = "P1", ["keywordsAny"] = new JsonArray("财政核心业务") },
             .. regional.Select(r => System.Text.Json.JsonSerializer.SerializeToNode(r, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))]);
        var v1 = await rules.SaveAsync(liuzhouCoordinator, RuleKinds.Grading, "4502", new JsonObject { ["rows"] = rows }.ToJsonString(), null, "财政核心业务按P1");
        var (lz, _) = await CreateAsync(Request(GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code, "terminal", "财政核心业务终端故障"), "unit@test");
        var (nn, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal", "财政核心业务终端故障"), "unit@test");
        Assert.Equal((Grade.P1, Grade.P3), (lz.Grade, nn.Grade));   // Nanning: the regional table (the request says 无法开机)
        Assert.Contains("lz-finance", lz.GradeExplanation);

        // Back to the regional table (a new version), and the next Liuzhou ticket is graded as Nanning's.
        await rules.RemoveOverrideAsync(liuzhouCoordinator, RuleKinds.Grading, "4502", "rows", "恢复全区定级");
        var (again, _) = await CreateAsync(Request(GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code, "terminal", "财政核心业务终端故障", key: "again"), "unit@test");
        Assert.Equal(Grade.P3, again.Grade);
        Assert.Equal(v1.Version + 1, (await rules.HistoryAsync(liuzhouCoordinator, RuleKinds.Grading, "4502"))[0].Version);
    }

    [Fact]
    public async Task ACityExcludesAServicePoint_ItsTicketsGoElsewhere_AnotherCitysStillUseIt()
    {
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleService>();
        var nanningCoordinator = Actor.Of("nanning@test", [Roles.MunicipalCoordinator], cityCode: "4501");
        await rules.SaveAsync(nanningCoordinator, RuleKinds.Dispatch, "4501",
            new JsonObject { ["excludedServicePoints"] = new JsonArray(_net.ValidNanning.ServicePointId.ToString()) }.ToJsonString(), null, "兴宁网点整改期间暂停派单");
        // Nanning: the Xingning point is excluded and the Qingxiu technician's certificate has expired → nobody, manual dispatch.
        var (nn, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        Assert.Null(nn.TechnicianUser);
        Assert.Contains("service-point-excluded", nn.DispatchExplanation);
        // Liuzhou has no terminal technician of its own; its rules do not exclude Xingning, which helps.
        var (lz, _) = await CreateAsync(Request(GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code, "terminal"), "unit@test");
        Assert.Contains(lz.TechnicianUser, new[] { _net.ValidNanning.UserName, _net.Second.UserName });

        // A point that does not exist is refused with a reason.
        var bad = await Assert.ThrowsAsync<InvalidInputException>(() => rules.SaveAsync(nanningCoordinator, RuleKinds.Dispatch, "4501",
            new JsonObject { ["excludedServicePoints"] = new JsonArray(Guid.NewGuid().ToString()) }.ToJsonString(), null, "x"));
        Assert.Contains("does not exist", string.Join(" ", bad.Errors.SelectMany(e => e.Value)));
    }

    [Fact]
    public async Task TheDataBureausNewLimits_NameTheCitiesOutside_AndRefuseTheirNextSaveUntilTheyFit()
    {
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleService>();
        var liuzhouCoordinator = Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502");
        await rules.SaveAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", """{ "onSite": { "sameCity": "PT3H" } }""", null, "3小时");

        // The Data Bureau proposes that no city promises less than 3.5 h on site: Liuzhou is named, with the reason.
        var region = (await rules.EditorAsync(Admin, RuleKinds.Sla, RuleKinds.RegionScope)).Region;
        var doc = RuleOverrides.Parse(region.Json);
        doc["cityLimits"]!["onSite.sameCity"]!["min"] = "PT3H30M";
        var (_, outside) = await rules.LimitsAsync(Admin, RuleKinds.Sla, doc.ToJsonString());
        var (city, problems) = Assert.Single(outside);
        Assert.Equal("4502", city);
        Assert.Equal(["onSite.sameCity is PT3H; the Data Bureau allows at least PT3H30M"], problems.Select(p => p.Message));
        await rules.SaveAsync(Admin, RuleKinds.Sla, RuleKinds.RegionScope, doc.ToJsonString(), region.Version, "到场时限不得低于3.5小时");

        // Liuzhou's next save — even of another field — is refused until its on-site target fits.
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => rules.SaveAsync(liuzhouCoordinator, RuleKinds.Sla, "4502",
            """{ "onSite": { "sameCity": "PT3H" }, "response": { "P4": "PT3H" } }""", null, "响应P4改3小时"));
        Assert.Contains("allows at least PT3H30M", string.Join(" ", refused.Errors.SelectMany(e => e.Value)));
        await rules.SaveAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", """{ "onSite": { "sameCity": "PT3H30M" }, "response": { "P4": "PT3H" } }""", null, "按数据局要求调整");
        Assert.Empty((await rules.LimitsAsync(Admin, RuleKinds.Sla, null)).Outside);

        // The limits are the Data Bureau's to set and the Intranet Office's to read; a coordinator reads the limits that
        // bind their own city — whether it is outside them, never another city's — and tries no limits of their own.
        Assert.NotNull((await rules.LimitsAsync(Actor.Of("sup@test", [Roles.IntranetSupervisor]), RuleKinds.Sla, null)).Region);
        await rules.SaveAsync(Admin, RuleKinds.Sla, RuleKinds.RegionScope, doc.ToJsonString().Replace("PT3H30M", "PT3H45M"),
            (await rules.EditorAsync(Admin, RuleKinds.Sla, RuleKinds.RegionScope)).Region.Version, "到场时限不得低于3.75小时");
        var (limits, mine) = await rules.LimitsAsync(liuzhouCoordinator, RuleKinds.Sla, null);
        Assert.Contains("PT3H45M", limits.Json);
        Assert.Equal("4502", Assert.Single(mine).City);
        var nanningCoordinator = Actor.Of("nanning@test", [Roles.MunicipalCoordinator], cityCode: "4501");
        Assert.Empty((await rules.LimitsAsync(nanningCoordinator, RuleKinds.Sla, null)).Outside);     // Liuzhou's trouble is not Nanning's to see
        await Assert.ThrowsAsync<ForbiddenException>(() => rules.LimitsAsync(liuzhouCoordinator, RuleKinds.Sla, doc.ToJsonString()));
        await Assert.ThrowsAsync<ForbiddenException>(() => rules.LimitsAsync(Actor.Of("coordinator@test", [Roles.MunicipalCoordinator]), RuleKinds.Sla, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => rules.LimitsAsync(Dispatcher, RuleKinds.Sla, null));
    }

    [Fact]
    public async Task RecomputingTheCitysOpenClocks_PreviewsThenMovesTheirDeadlines_AndTheEscalationFollows()
    {
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleService>();
        var recompute = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleRecomputeService>();
        var liuzhouCoordinator = Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502");
        var (lz, _) = await CreateAsync(Request(GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code, "database", "核心系统数据库宕机"), "unit@test");
        var (nn, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal", "核心系统终端全部瘫痪"), "unit@test");
        await CompleteAsync(lz, "accept", TicketOutcomes.Accept, lz.TechnicianUser!);
        await CompleteAsync(nn, "accept", TicketOutcomes.Accept, nn.TechnicianUser!);
        var acceptedAt = Clock.GetUtcNow();
        await AdvanceAsync(TimeSpan.FromMinutes(30));

        // A saved change applies to new clocks: the open Liuzhou ticket keeps 4 h until it is recomputed.
        await rules.SaveAsync(liuzhouCoordinator, RuleKinds.Sla, "4502", """{ "onSite": { "byGrade": { "P1": { "sameCity": "PT2H", "otherCity": "PT12H" } } } }""", null, "P1到场2小时");
        Assert.Equal(TimeSpan.FromHours(4), (await TicketAsync(lz.Id)).Clocks().OnSite.Target);
        var preview = await recompute.PreviewAsync(liuzhouCoordinator, "4502");
        var row = Assert.Single(preview);
        Assert.Equal(lz.Number, row.Number);
        var change = Assert.Single(row.Changes);
        Assert.Equal((ClockKind.OnSite, TimeSpan.FromHours(4), TimeSpan.FromHours(2)), (change.Clock, change.OldTarget, change.NewTarget));
        Assert.Equal(acceptedAt.AddHours(2), change.NewDeadline);
        Assert.Equal(TimeSpan.FromHours(4), (await TicketAsync(lz.Id)).Clocks().OnSite.Target);          // a preview changes nothing

        await Assert.ThrowsAsync<InvalidInputException>(() => recompute.RecomputeAsync(liuzhouCoordinator, "4502", " "));
        var nanningCoordinator = Actor.Of("nanning@test", [Roles.MunicipalCoordinator], cityCode: "4501");
        await Assert.ThrowsAsync<NotFoundException>(() => recompute.RecomputeAsync(nanningCoordinator, "4502", "越权"));
        Assert.Equal(1, await recompute.RecomputeAsync(liuzhouCoordinator, "4502", "按新规则执行"));
        var after = await TicketAsync(lz.Id);
        Assert.Equal(TimeSpan.FromHours(2), after.Clocks().OnSite.Target);
        Assert.Equal(acceptedAt.AddHours(2), after.OnSiteDueAt);
        Assert.Equal(TimeSpan.FromHours(4), (await TicketAsync(nn.Id)).Clocks().OnSite.Target);           // Nanning untouched
        Assert.Contains(await _h.Services.GetRequiredService<ICaseDirectory>().HistoryAsync(lz.Id), e => e.Kind == "clock-retarget" && e.Note!.Contains("按新规则执行"));
        Assert.Empty(await recompute.PreviewAsync(liuzhouCoordinator, "4502"));                            // nothing left to do

        // The watch re-planned: at 2 h the Liuzhou ticket breaches and the coordinator is told; Nanning's (4 h) does not.
        await AdvanceAsync(TimeSpan.FromMinutes(91));
        Assert.True((await TicketAsync(lz.Id)).Breached);
        Assert.Contains(await NotificationsAsync(lz.InstanceId, "到场"), n => n.ToRole == "MunicipalCoordinator");
        Assert.False((await TicketAsync(nn.Id)).Breached);
    }

    [Fact]
    public async Task AnEscalationLevel_TellsNamedPeople_ByTheChannelsItNames_AndAnUnknownPersonIsRefused()
    {
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleService>();
        var liuzhouCoordinator = Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502");
        await using (var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            db.Users.Add(new AppUser { Id = Guid.NewGuid().ToString(), UserName = "duty@test", NormalizedUserName = "DUTY@TEST", DisplayName = "柳州值班长" });
            await db.SaveChangesAsync();
        }
        const string levels = """
            { "levels": [
                { "percent": 30, "roles": ["Dispatcher"], "users": ["{{USER}}"], "channels": ["inbox", "email"], "labelZh": "值班长提前介入" },
                { "percent": 100, "roles": ["MunicipalCoordinator"] } ] }
            """;
        var unknown = await Assert.ThrowsAsync<InvalidInputException>(() => rules.SaveAsync(liuzhouCoordinator, RuleKinds.Escalation, "4502", levels.Replace("{{USER}}", "nobody@test"), null, "x"));
        Assert.Contains("'nobody@test' is not a user", string.Join(" ", unknown.Errors.SelectMany(e => e.Value)));
        var badChannel = await Assert.ThrowsAsync<InvalidInputException>(() => rules.SaveAsync(liuzhouCoordinator, RuleKinds.Escalation, "4502",
            levels.Replace("{{USER}}", "duty@test").Replace("\"email\"", "\"wechat\""), null, "x"));
        Assert.Contains("channel 'wechat' is not inbox, email or sms", string.Join(" ", badChannel.Errors.SelectMany(e => e.Value)));
        await rules.SaveAsync(liuzhouCoordinator, RuleKinds.Escalation, "4502", levels.Replace("{{USER}}", "duty@test"), null, "值班长30%介入");

        var (lz, _) = await CreateAsync(Request(GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code, "database", "达梦数据库无法启动"), "unit@test");
        await CompleteAsync(lz, "accept", TicketOutcomes.Accept, lz.TechnicianUser!);
        await AdvanceAsync(TimeSpan.FromMinutes(72));    // 30 % of 4 h on site
        var told = await NotificationsAsync(lz.InstanceId, "到场");
        Assert.Equal(
            [("Dispatcher", null, "email"), ("Dispatcher", null, "inbox"), (null, "duty@test", "email"), (null, "duty@test", "inbox")],
            told.Select(n => (n.ToRole, n.ToUser, n.Channel)).OrderBy(x => x.ToRole ?? "~", StringComparer.Ordinal).ThenBy(x => x.Channel, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task ATicketGivenBack_AndDispatchedToAPointInAnotherCounty_IsExportedWithEachDispatchsOwnCounty()
    {
        // Dispatched by the rules to a technician of the Xingning point, who gives it back; the dispatcher hands it to
        // the Qingxiu point's technician (certificate renewed for the purpose, after the first dispatch).
        var xingning = GuangxiDivisions.Shipped.Counties.Single(c => c.Name == "兴宁区").Code;
        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        var first = t.TechnicianUser!;
        Assert.Equal(xingning, t.ServicePointCounty);
        await using (var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            db.Certificates.Add(new Certificate(_net.Expired.Id, "terminal", new DateOnly(2026, 11, 1), new DateOnly(2027, 12, 31)));
            await db.SaveChangesAsync();
        }
        await CompleteAsync(t, "accept", TicketOutcomes.Return, first, new JsonObject { ["comment"] = "本人今日请假" });
        await CompleteAsync(t, "manualDispatch", TicketOutcomes.Dispatch, "dispatcher@test",
            new JsonObject { ["technicianUser"] = _net.Expired.UserName, ["reason"] = "就近改派青秀网点" });
        var handed = await TicketAsync(t.Id);
        Assert.Equal((_net.Expired.UserName, ScenarioNetwork.Qingxiu), (handed.TechnicianUser, handed.ServicePointCounty));
        await CompleteAsync(handed, "accept", TicketOutcomes.Accept, _net.Expired.UserName);

        var exported = new List<XinchuangFlow.Domain.Exchange.ExportedTicket>();
        await foreach (var x in _h.Services.GetRequiredService<XinchuangFlow.Application.Exchange.IExchangeExportSource>()
                           .TicketsAsync(new XinchuangFlow.Application.Assessment.KpiScope(), T0.AddDays(-1), T0.AddDays(1)))
            exported.Add(x);
        var events = exported.Single(x => x.Ticket.Id == t.Id).Events;
        var dispatches = events.Where(e => e.Kind == XinchuangFlow.Domain.Exchange.ExchangeKinds.Dispatched).ToList();
        Assert.Equal([(first == _net.ValidNanning.UserName ? "一工" : "二工", xingning), ("丙工", ScenarioNetwork.Qingxiu)],
            dispatches.Select(e => (e.Technician, e.ServicePointCounty)));
        Assert.Equal(XinchuangFlow.Domain.Exchange.ExchangeKinds.Accepted, events[events.ToList().IndexOf(dispatches[1]) + 1].Kind);
    }

    [Fact]
    public async Task AnEscalationEmail_AndSms_ArriveOnce_ThoughTheMailServerAndTheSmsPlatformWereDownAtFirst()
    {
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleService>();
        var liuzhouCoordinator = Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502");
        await using (var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            db.Users.Add(new AppUser { Id = Guid.NewGuid().ToString(), UserName = "duty@test", NormalizedUserName = "DUTY@TEST", Email = "duty@liuzhou.test",
                PhoneNumber = "13977200001", NotifyByEmail = true, NotifyBySms = true });
            db.Users.Add(new AppUser { Id = Guid.NewGuid().ToString(), UserName = "quiet@test", NormalizedUserName = "QUIET@TEST", Email = "quiet@liuzhou.test", NotifyByEmail = false });
            await db.SaveChangesAsync();
        }
        await rules.SaveAsync(liuzhouCoordinator, RuleKinds.Escalation, "4502", """
            { "levels": [ { "percent": 30, "users": ["duty@test", "quiet@test"], "channels": ["inbox", "email", "sms"] },
                          { "percent": 100, "roles": ["MunicipalCoordinator"] } ] }
            """, null, "值班长邮件短信");
        var (lz, _) = await CreateAsync(Request(GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code, "database", "达梦数据库无法启动"), "unit@test");
        await CompleteAsync(lz, "accept", TicketOutcomes.Accept, lz.TechnicianUser!);
        await AdvanceAsync(TimeSpan.FromMinutes(72));    // 30 % of 4 h: the outbox holds an e-mail and an SMS notification

        using var smtp = new AiosmtpdServer();
        using var sms = new SmsGatewayStub();
        var options = Microsoft.Extensions.Options.Options.Create(new XinchuangFlow.Infrastructure.Notifications.NotificationOptions
        {
            Smtp = new() { Host = "127.0.0.1", Port = smtp.Port, From = "noreply@xinchuang.test" },
            Sms = new() { Url = sms.Url },
        });
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var delivery = new XinchuangFlow.Application.Notifications.NotificationDeliveryService(
            _h.Services.GetRequiredService<XinchuangFlow.Application.Notifications.IDeliveryStore>(), _h.Services.GetRequiredService<ITicketRepository>(),
            _h.Services.GetRequiredService<IUserDirectory>(),
            [new XinchuangFlow.Infrastructure.Notifications.SmtpMailSender(options), new XinchuangFlow.Infrastructure.Notifications.HttpSmsGateway(http, options)],
            _h.Services.GetRequiredService<AccessService>(), Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<XinchuangFlow.Application.Notifications.NotificationDeliveryService>.Instance);

        // The mail server and the SMS platform are down: both wait (30 s backoff); the user who wants no e-mail gets none.
        sms.Outages = 1;
        var first = await delivery.RunOnceAsync();
        Assert.Equal((4, 0, 2), first);                                          // e-mail and SMS for each of the two people
        Assert.Empty(sms.Bodies);
        Assert.Contains("503", (await delivery.LogAsync(Admin, null, 0, 50)).Items.Single(d => d.Channel == "sms").LastError);
        // The SMS platform is back: after the backoff the SMS goes; the mail server is still down.
        Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal((0, 1, 1), await delivery.RunOnceAsync());
        Assert.Single(sms.Bodies);
        Assert.Contains("13977200001", sms.Bodies[0]);
        var log = (await delivery.LogAsync(Admin, null, 0, 50)).Items;
        var mail = Assert.Single(log, d => d.Channel == "email");
        Assert.Equal(("duty@test", "pending", 2), (mail.Recipient, mail.Status, mail.Attempts));
        Assert.False(string.IsNullOrEmpty(mail.LastError));
        Assert.DoesNotContain(log, d => d.Recipient == "quiet@test");
        Assert.Equal((0, 0, 0), await delivery.RunOnceAsync());                 // not due yet

        // The server comes up; after the backoff (doubled: 1 min) the e-mail is sent — once, however often the rounds run.
        await smtp.StartAsync();
        Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal((0, 1, 0), await delivery.RunOnceAsync());
        Assert.Equal((0, 0, 0), await delivery.RunOnceAsync());
        var received = Assert.Single(smtp.Messages());
        Assert.Contains($"{mail.Id:N}@xinchuangflow", received);
        Assert.Contains("duty@liuzhou.test", received);
        Assert.Single(sms.Bodies);
        Assert.Equal("sent", (await delivery.LogAsync(Admin, "sent", 0, 50)).Items.Single(d => d.Channel == "email").Status);
    }

    [Fact]
    public async Task ACitysEscalationLevels_GovernItsOwnTickets_AndNoOtherCitys()
    {
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Application.Rules.RuleService>();
        var liuzhouCoordinator = Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502");
        // Liuzhou adds an early warning at 30 % to the regional 50 / 80 / 100 %.
        await rules.SaveAsync(liuzhouCoordinator, RuleKinds.Escalation, "4502", """
            { "levels": [
                { "percent": 30, "roles": ["Dispatcher"], "labelZh": "柳州提前提醒" },
                { "percent": 50, "roles": ["Dispatcher"] }, { "percent": 80, "roles": ["EnterpriseManager"] },
                { "percent": 100, "roles": ["MunicipalCoordinator", "IntranetSupervisor"] } ] }
            """, null, "柳州增加30%提醒");
        var (lz, _) = await CreateAsync(Request(GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code, "database", "达梦数据库无法启动"), "unit@test");
        var (nn, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        await CompleteAsync(lz, "accept", TicketOutcomes.Accept, lz.TechnicianUser!);
        await CompleteAsync(nn, "accept", TicketOutcomes.Accept, nn.TechnicianUser!);
        Assert.Equal(TimeSpan.FromHours(4), (await TicketAsync(lz.Id)).Clocks().OnSite.Target);

        await AdvanceAsync(TimeSpan.FromMinutes(72));    // 30 % of 4 h
        Assert.Equal("Dispatcher", Assert.Single(await NotificationsAsync(lz.InstanceId, "到场")).ToRole);
        Assert.Empty(await NotificationsAsync(nn.InstanceId, "到场"));
        await AdvanceAsync(TimeSpan.FromMinutes(48));    // 50 %: both cities
        Assert.Equal(2, (await NotificationsAsync(lz.InstanceId, "到场")).Count);
        Assert.Single(await NotificationsAsync(nn.InstanceId, "到场"));
        Assert.Equal([30, 50], (await TicketAsync(lz.Id)).Clocks().OnSite.Escalated);

        // Back to the regional levels (the city's first version had none of its own): the next Liuzhou ticket is first
        // told at 50 %, as Nanning's.
        await rules.RemoveOverrideAsync(liuzhouCoordinator, RuleKinds.Escalation, "4502", "levels", "恢复全区级别");
        var (next, _) = await CreateAsync(Request(GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code, "database", "达梦数据库无法启动", key: "after-rollback"), "unit@test");
        await CompleteAsync(next, "accept", TicketOutcomes.Accept, next.TechnicianUser!);
        await AdvanceAsync(TimeSpan.FromMinutes(72));    // 30 % of 4 h
        Assert.Empty(await NotificationsAsync(next.InstanceId, "到场"));
        await AdvanceAsync(TimeSpan.FromMinutes(48));    // 50 %
        Assert.Equal([50], (await TicketAsync(next.Id)).Clocks().OnSite.Escalated);
    }

    [Fact]
    public async Task BreachedOnSiteClockNotifiesTheCoordinatorOnce_AndRecordsTheBreach()
    {
        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        await CompleteAsync(t, "accept", TicketOutcomes.Accept, _net.ValidNanning.UserName);
        await AdvanceAsync(TimeSpan.FromHours(4));
        await AdvanceAsync(TimeSpan.FromHours(1));
        var fired = await NotificationsAsync(t.InstanceId, "到场");
        Assert.Equal(4, fired.Count);   // 50 %, 80 %, and 100 % to two roles
        Assert.Equal(2, fired.Count(n => n.Subject.StartsWith("【超时】")));
        var late = await TicketAsync(t.Id);
        Assert.True(late.Breached);
        Assert.Contains(((await Queries.GetTicketDetailAsync(Admin, late.Number))).History, e => e.Kind == "escalated" && e.Note!.Contains("100%"));
        await CompleteAsync(t, "handle", TicketOutcomes.CheckIn, _net.ValidNanning.UserName);
        var stopped = (await TicketAsync(t.Id)).Clocks().OnSite;
        Assert.True(stopped.Breached(Clock.GetUtcNow(), WorkingCalendar.Natural));
        Assert.Equal(TimeSpan.FromHours(5), stopped.Consumed);
    }

    [Fact]
    public async Task PausedTimeSurvivesAPolicyChange()
    {
        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        await CompleteAsync(t, "accept", TicketOutcomes.Accept, _net.ValidNanning.UserName);
        await AdvanceAsync(TimeSpan.FromHours(1));
        await CompleteAsync(t, "handle", TicketOutcomes.CheckIn, _net.ValidNanning.UserName);
        await AdvanceAsync(TimeSpan.FromHours(1));
        // Two hours in, the technician needs the vendor: the resolution clock (P3: 48 h) pauses.
        await CompleteAsync(t, "resolveTask", TicketOutcomes.VendorSupport, _net.ValidNanning.UserName, new JsonObject { ["resolution"] = "需要厂商提供显卡驱动" });
        var waiting = await TicketAsync(t.Id);
        Assert.Equal(TicketStatus.VendorSupport, waiting.Status);
        Assert.Equal(ClockState.Paused, waiting.Clocks().Resolution.State);
        Assert.Null(waiting.ResolutionDueAt);

        await AdvanceAsync(TimeSpan.FromHours(5));
        // Meanwhile the region changes the P3 resolution target from 48 h to 72 h.
        var store = _h.Services.GetRequiredService<EfRuleStore>();
        var sla = JsonNode.Parse((await store.GetAsync(RuleKinds.Sla, null)).Json, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        sla["resolution"]!["P3"] = "PT72H";
        await store.SaveAsync(RuleKinds.Sla, RuleKinds.RegionScope, sla.ToJsonString(), "admin@test");

        var vendorTask = await _h.OpenTaskAsync(t.InstanceId, "vendorTask");
        Assert.Equal("VendorSupport", vendorTask.AssigneeRole);
        await _h.Runtime.CompleteTaskAsync(vendorTask.Id, TicketOutcomes.Supported, new JsonObject { ["advice"] = "安装 5.2 版驱动" }, "vendor@test");
        var resumed = (await TicketAsync(t.Id));
        Assert.Equal(TicketStatus.OnSite, resumed.Status);   // worked on again, no longer "waiting for the vendor"
        var clock = resumed.Clocks().Resolution;
        Assert.Equal(ClockState.Running, clock.State);
        Assert.Equal(TimeSpan.FromHours(72), clock.Target);
        Assert.Equal(TimeSpan.FromHours(5), clock.PausedTotal);
        Assert.Equal(TimeSpan.FromHours(2), clock.Elapsed(Clock.GetUtcNow(), WorkingCalendar.Natural));
        Assert.Equal(Clock.GetUtcNow() + TimeSpan.FromHours(70), resumed.ResolutionDueAt);
        Assert.Contains("policy changed", Domain.Sla.TargetReason.Describe(clock.TargetReason));
        await _h.OpenTaskAsync(t.InstanceId, "resolveTask");
        // The vendor's answer is kept in the ticket's timeline, in its words, by the vendor.
        var history = (await Queries.GetTicketDetailAsync(Admin, t.Number)).History;
        var answer = Assert.Single(history, e => e.Kind == "answer");
        Assert.Equal(("安装 5.2 版驱动", "vendor@test"), (answer.Note, answer.User));
    }

    [Fact]
    public async Task UnsatisfiedFeedbackReopens_SatisfiedFeedbackCloses_WithFullHistory()
    {
        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        var tech = _net.ValidNanning.UserName;
        await CompleteAsync(t, "accept", TicketOutcomes.Accept, tech);
        await CompleteAsync(t, "handle", TicketOutcomes.Remote, tech);
        // Text is stored as typed (SEC-6): markup is not stripped here but encoded wherever it is shown.
        await CompleteAsync(t, "resolveTask", TicketOutcomes.Resolved, tech, new JsonObject { ["resolution"] = "温度 < 5 且 > 3 时<b>重装</b>显卡驱动" });
        var resolved = await TicketAsync(t.Id);
        Assert.Equal(TicketStatus.AwaitingFeedback, resolved.Status);
        Assert.Equal("温度 < 5 且 > 3 时<b>重装</b>显卡驱动", resolved.Resolution);
        Assert.Equal(ClockState.Stopped, resolved.Clocks().Resolution.State);
        var feedback = await _h.OpenTaskAsync(t.InstanceId, "feedbackTask");
        Assert.Equal("unit@test", feedback.AssigneeUser);

        await _h.Runtime.CompleteTaskAsync(feedback.Id, TicketOutcomes.SubmitFeedback, new JsonObject { ["satisfaction"] = "2", ["comment"] = "问题又出现了" }, "unit@test");
        var reopened = await TicketAsync(t.Id);
        Assert.Equal(TicketStatus.Reopened, reopened.Status);
        Assert.False(reopened.FirstTimeFix);
        Assert.Equal(ClockState.Running, reopened.Clocks().Resolution.State);
        Assert.Equal(tech, (await _h.OpenTaskAsync(t.InstanceId, "accept")).AssigneeUser);

        await CompleteAsync(t, "accept", TicketOutcomes.Accept, tech);
        await CompleteAsync(t, "handle", TicketOutcomes.CheckIn, tech);
        await CompleteAsync(t, "resolveTask", TicketOutcomes.Resolved, tech, new JsonObject { ["resolution"] = "更换显卡" });
        await CompleteAsync(t, "feedbackTask", TicketOutcomes.SubmitFeedback, "unit@test", new JsonObject { ["satisfaction"] = "5" });
        var closed = await TicketAsync(t.Id);
        Assert.Equal(TicketStatus.Closed, closed.Status);
        Assert.Equal(5, closed.Satisfaction);
        Assert.All(closed.Clocks().All, c => Assert.Equal(ClockState.Stopped, c.State));

        // A reopened ticket is called back by the hotline desk (ASM-6) once it is closed: the flow ends with the call.
        Assert.Equal(FollowUp.Reopened, closed.FollowUpReason);
        var call = await _h.OpenTaskAsync(t.InstanceId, "followUpCall");
        Assert.Equal((Roles.Dispatcher, TaskKinds.FollowUpCall), (call.AssigneeRole, call.TaskKind));
        await _h.Runtime.CompleteTaskAsync(call.Id, TicketOutcomes.FollowedUp,
            new JsonObject { ["reached"] = true, ["confirmed"] = true, ["satisfaction"] = "4", ["note"] = "用户确认显卡更换后正常" }, "dispatcher@test");
        var called = await TicketAsync(t.Id);
        Assert.Equal((true, true, 4, 5, TicketStatus.Closed), (called.FollowUpReached, called.FollowUpConfirmed, called.FollowUpSatisfaction, called.Satisfaction!.Value, called.Status));
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(t.InstanceId)).Status);
        var kinds = (await Queries.GetTicketDetailAsync(Admin, t.Number)).History.Select(e => e.Kind).ToList();
        foreach (var kind in new[] { "submitted", "graded", "dispatched", "clock-start", "check-in", "resolved", "feedback", "reopened", "closed", "followup-selected", "followup" })
            Assert.Contains(kind, kinds);
    }

    [Fact]
    public async Task ACallBackWhereTheUnitSaysTheProblemIsNotSolved_ReopensTheTicket_AndItIsNotCalledTwice()
    {
        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        var tech = _net.ValidNanning.UserName;
        await CompleteAsync(t, "accept", TicketOutcomes.Accept, tech);
        await CompleteAsync(t, "handle", TicketOutcomes.Remote, tech);
        await CompleteAsync(t, "resolveTask", TicketOutcomes.Resolved, tech, new JsonObject { ["resolution"] = "重装驱动" });
        // Rated 3: closed, and called back as a low rating.
        await CompleteAsync(t, "feedbackTask", TicketOutcomes.SubmitFeedback, "unit@test", new JsonObject { ["satisfaction"] = "3" });
        Assert.Equal(TicketStatus.Closed, (await TicketAsync(t.Id)).Status);
        await CompleteAsync(t, "followUpCall", TicketOutcomes.FollowedUp, "dispatcher@test",
            new JsonObject { ["reached"] = true, ["confirmed"] = false, ["satisfaction"] = "3", ["note"] = "打印仍然偶发卡纸" });
        var reopened = await TicketAsync(t.Id);
        Assert.Equal((TicketStatus.Reopened, false, 1), (reopened.Status, reopened.FollowUpConfirmed!.Value, reopened.ReopenCount));
        Assert.Null(reopened.ClosedAt);
        Assert.Equal(tech, (await _h.OpenTaskAsync(t.InstanceId, "accept")).AssigneeUser);
        // Back to work, solved and rated well: closed, and the ticket already called is not called again.
        await CompleteAsync(t, "accept", TicketOutcomes.Accept, tech);
        await CompleteAsync(t, "handle", TicketOutcomes.CheckIn, tech);
        await CompleteAsync(t, "resolveTask", TicketOutcomes.Resolved, tech, new JsonObject { ["resolution"] = "更换搓纸轮" });
        await CompleteAsync(t, "feedbackTask", TicketOutcomes.SubmitFeedback, "unit@test", new JsonObject { ["satisfaction"] = "5" });
        Assert.Equal(TicketStatus.Closed, (await TicketAsync(t.Id)).Status);
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(t.InstanceId)).Status);
        var kinds = (await Queries.GetTicketDetailAsync(Admin, t.Number)).History.Select(e => e.Kind).ToList();
        Assert.Equal(1, kinds.Count(k => k == "followup"));
        Assert.Equal(2, kinds.Count(k => k == "closed"));
    }

    [Fact]
    public async Task AUnitThatNeverRates_IsCalledAfterSevenDays_ItsPhoneRatingCounts_AndAnUnreachedOneIsClosedUnrated()
    {
        var tech = _net.ValidNanning.UserName;
        async Task<Ticket> ResolvedAsync(string title)
        {
            var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal", title), "unit@test");
            await CompleteAsync(t, "accept", TicketOutcomes.Accept, tech);
            await CompleteAsync(t, "handle", TicketOutcomes.Remote, tech);
            await CompleteAsync(t, "resolveTask", TicketOutcomes.Resolved, tech, new JsonObject { ["resolution"] = "远程重装驱动" });
            return t;
        }
        var rated = await ResolvedAsync("打印机无法打印");
        var silent = await ResolvedAsync("扫描仪无法识别");

        // Nobody rates for 7 days: the rating is withdrawn and the hotline desk calls instead.
        await AdvanceAsync(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        foreach (var t in new[] { rated, silent })
        {
            Assert.Equal(FollowUp.Unrated, (await TicketAsync(t.Id)).FollowUpReason);
            Assert.Equal(TicketStatus.AwaitingFeedback, (await TicketAsync(t.Id)).Status);
        }
        await CompleteAsync(rated, "followUpCall", TicketOutcomes.FollowedUp,
            "dispatcher@test", new JsonObject { ["reached"] = true, ["confirmed"] = true, ["satisfaction"] = "2", ["note"] = "打印偶尔卡纸" });
        await CompleteAsync(silent, "followUpCall", TicketOutcomes.FollowedUp, "dispatcher@test", new JsonObject { ["reached"] = false, ["note"] = "三次无人接听" });

        // The phone rating of 2 is the ticket's rating: unsatisfied, so the ticket is reopened — not called twice.
        var phoned = await TicketAsync(rated.Id);
        Assert.Equal((2, TicketStatus.Reopened, 2, true), (phoned.Satisfaction!.Value, phoned.Status, phoned.FollowUpSatisfaction!.Value, phoned.FollowUpReached!.Value));
        // Not reached: closed without a rating, the call recorded.
        var unreached = await TicketAsync(silent.Id);
        Assert.Equal((TicketStatus.Closed, null, false, null), (unreached.Status, unreached.Satisfaction, unreached.FollowUpReached!.Value, unreached.FollowUpConfirmed));
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(silent.InstanceId)).Status);
        Assert.Equal("三次无人接听", unreached.FollowUpNote);
    }

    [Fact]
    public async Task RedispatchMovesTheOpenTaskAndLaterStepsToTheNewTechnician_AndARepeatedSubmissionReturnsTheFirstTicket()
    {
        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal", key: "form-42"), "unit@test");
        var (again, duplicate) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal", key: "form-42"), "unit@test");
        Assert.True(duplicate);
        Assert.Equal(t.Id, again.Id);
        Assert.Equal(1, await _h.CountRowsAsync<Ticket>());

        var network = _h.Services.GetRequiredService<INetworkRepository>();
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => Actions.RedispatchAsync(Dispatcher, t.Number, _net.Expired.UserName, "就近"));
        Assert.Contains("有效证书", refused.Message);
        var moved = await Actions.RedispatchAsync(Dispatcher, t.Number, _net.Second.UserName, "原工程师请假");
        Assert.Equal(_net.Second.UserName, moved.TechnicianUser);
        Assert.Equal(_net.Second.UserName, (await _h.OpenTaskAsync(t.InstanceId, "accept")).AssigneeUser);
        await CompleteAsync(t, "accept", TicketOutcomes.Accept, _net.Second.UserName);
        Assert.Equal(_net.Second.UserName, (await _h.OpenTaskAsync(t.InstanceId, "handle")).AssigneeUser);
        Assert.Contains((await Queries.GetTicketDetailAsync(Admin, t.Id.ToString())).History, e => e.Kind == "redispatched" && e.Note!.Contains("原工程师请假"));
    }

    [Fact]
    public async Task TheDispatchersCandidates_AreThePlannersRanking_WithTheReasonsOfTheOthers_WithinTheCallersScope()
    {
        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        Assert.Equal(_net.ValidNanning.UserName, t.TechnicianUser);
        var service = _h.Services.GetRequiredService<DispatchCandidateService>();

        var c = await service.ForTicketAsync(Dispatcher, t.Number);
        Assert.Equal(t.Number, c.TicketNumber);
        Assert.Equal(_net.ValidNanning.UserName, c.CurrentTechnicianUser);
        Assert.Equal([1, 2], c.Qualified.Select(q => q.Rank));
        Assert.All(c.Qualified, q => Assert.Equal(Domain.Dispatch.Proximity.SameCity, q.Proximity));
        Assert.Equal("兴宁网点", c.Qualified[0].ServicePoint);
        // The one already holding the ticket has one more open: the other ranks first.
        Assert.Equal(_net.Second.UserName, c.Qualified[0].UserName);
        Assert.True(c.Qualified[1].OpenWork > c.Qualified[0].OpenWork);
        Assert.Equal(2, c.QualifiedTotal);
        // Once dispatched, the ticket is its integrator's: the others are that integrator's technicians, the nearest first.
        var reasons = c.Disqualified.ToDictionary(d => d.UserName, d => d.Code);
        Assert.Equal([_net.Expired.UserName, _net.Liuzhou.UserName], c.Disqualified.Select(d => d.UserName));
        Assert.Equal("certificate-expired", reasons[_net.Expired.UserName]);
        Assert.Equal("no-certificate", reasons[_net.Liuzhou.UserName]);
        Assert.All(c.Disqualified, d => Assert.False(d.MayStillBeAssigned));                 // none of them could take it by hand either
        Assert.Contains(_net.Second.Name, c.RuleZh);
        Assert.All(c.Disqualified, d => Assert.False(string.IsNullOrWhiteSpace(d.ReasonZh) || string.IsNullOrWhiteSpace(d.ReasonEn)));
        Assert.Equal(c.Qualified, (await service.ForInstanceAsync(Dispatcher, t.InstanceId)).Qualified);   // a task form asks by its instance

        // Scoped like the ticket: the city's coordinator may ask; another city's coordinator is told it does not exist;
        // a technician or a unit does not dispatch.
        Assert.Equal(2, (await service.ForTicketAsync(Actor.Of("nanning@test", [Roles.MunicipalCoordinator], cityCode: "4501"), t.Number)).QualifiedTotal);
        await Assert.ThrowsAsync<NotFoundException>(() => service.ForTicketAsync(Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502"), t.Number));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.ForTicketAsync(Actor.Of(_net.ValidNanning.UserName, [Roles.Technician]), t.Number));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.ForTicketAsync(Actor.Of("unit@test", [Roles.ProcurementUser]), t.Number));
        await Assert.ThrowsAsync<NotFoundException>(() => service.ForInstanceAsync(Dispatcher, Guid.NewGuid()));
    }

    [Fact]
    public async Task AgentOverridesTheGradeWithAReason_ClocksAndEscalationFollowTheNewGrade()
    {
        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        Assert.Equal(Grade.P3, t.Grade);     // response target 2 h: its 50 % warning would come at 1 h
        await AdvanceAsync(TimeSpan.FromMinutes(10));
        var rules = _h.Services.GetRequiredService<XinchuangFlow.Domain.Rules.RuleBook>();
        await Assert.ThrowsAsync<InvalidInputException>(() => Actions.OverrideGradeAsync(Dispatcher, t.Number, "P1", " "));
        var p1 = await Actions.OverrideGradeAsync(Dispatcher, t.Number, "P1", "全单位无法办公，实际影响更大");
        Assert.Equal(Grade.P1, p1.Grade);
        Assert.Contains("全单位无法办公", JsonNode.Parse(p1.GradeOverride!)!["reason"]!.GetValue<string>());
        var response = p1.Clocks().Response;
        Assert.Equal(TimeSpan.FromMinutes(30), response.Target);
        Assert.Equal(TimeSpan.FromMinutes(10), response.Elapsed(Clock.GetUtcNow(), WorkingCalendar.Natural));
        Assert.Equal(T0 + TimeSpan.FromMinutes(30), p1.ResponseDueAt);
        Assert.Equal(TimeSpan.FromHours(8), p1.Clocks().Resolution.Target);
        // The watcher was re-planned: 50 % of 30 min is reached at 15 min, not at the old 1 h.
        await AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal("Dispatcher", Assert.Single(await NotificationsAsync(t.InstanceId, "响应")).ToRole);
        Assert.Contains((await Queries.GetTicketDetailAsync(Admin, t.Number)).History, e => e.Kind == "grade-override" && e.User == "dispatcher@test");
    }

    [Fact]
    public async Task ComplaintPathClosesAfterAReturnToTheEnterprise()
    {
        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        var (c, _) = await Intake.FileComplaintTrustedAsync(t, new ComplaintRequest("工程师超时未到场", "timeliness"), "unit@test", null);
        Assert.Equal(ComplaintStatus.Handling, c.Status);
        Assert.Equal(t.IntegratorId, c.EnterpriseId);
        Assert.Equal(T0 + TimeSpan.FromDays(2), c.StepDueAt);
        var handle = await _h.OpenTaskAsync(c.InstanceId, "handleTask");
        Assert.Equal(T0 + TimeSpan.FromDays(2), handle.DueAt);

        await _h.Runtime.CompleteTaskAsync(handle.Id, ComplaintOutcomes.Respond, new JsonObject { ["response"] = "已致歉并调整排班" }, "manager@test");
        await _h.Runtime.CompleteTaskAsync((await _h.OpenTaskAsync(c.InstanceId, "reviewTask")).Id, ComplaintOutcomes.ReturnToEnterprise, new JsonObject { ["opinion"] = "请说明整改措施" }, "nanning@test");
        await _h.Runtime.CompleteTaskAsync((await _h.OpenTaskAsync(c.InstanceId, "handleTask")).Id, ComplaintOutcomes.Respond, new JsonObject { ["response"] = "增派两名工程师" }, "manager@test");
        await _h.Runtime.CompleteTaskAsync((await _h.OpenTaskAsync(c.InstanceId, "reviewTask")).Id, ComplaintOutcomes.Approve, new JsonObject { ["opinion"] = "同意" }, "nanning@test");
        var confirm = await _h.OpenTaskAsync(c.InstanceId, "confirmTask");
        Assert.Equal("unit@test", confirm.AssigneeUser);
        await _h.Runtime.CompleteTaskAsync(confirm.Id, ComplaintOutcomes.Satisfied, [], "unit@test");

        var (closed, history, open) = await Queries.GetComplaintAsync(Admin, c.Id) is var d ? (d.Complaint, d.History, d.OpenTasks) : default;
        Assert.Equal(ComplaintStatus.Closed, closed.Status);
        Assert.Equal(1, closed.Rounds);
        Assert.Equal("增派两名工程师", closed.EnterpriseResponse);
        Assert.NotNull(closed.ClosedAt);
        Assert.Empty(open);
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(c.InstanceId)).Status);
        Assert.Equal(["filed", "handling", "reviewing", "handling", "reviewing", "confirming", "closed"], history.Select(e => e.ToStatus!).ToArray());
        Assert.Contains((await Queries.GetTicketDetailAsync(Admin, t.Number)).Complaints, x => x.Id == c.Id);
    }

    [Fact]
    public async Task AnOverdueComplaintStep_IsRemindedOnce_AndTheNextStepAgainWhenItIsLate()
    {
        var reminders = _h.Services.GetRequiredService<XinchuangFlow.Application.Notifications.ComplaintReminderService>();
        var (t, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        var (c, _) = await Intake.FileComplaintTrustedAsync(t, new ComplaintRequest("工程师超时未到场", "timeliness"), "unit@test", null);
        Assert.Equal(0, await reminders.RunOnceAsync());                      // within the 2 days: nothing
        Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await reminders.RunOnceAsync());
        Assert.Equal(0, await reminders.RunOnceAsync());                      // once per step
        var told = (await _h.Store.GetNotificationsAsync(c.InstanceId)).Where(n => n.Subject.StartsWith("【催办】", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [("EnterpriseManager", "email"), ("EnterpriseManager", "inbox"), ("MunicipalCoordinator", "email"), ("MunicipalCoordinator", "inbox")],
            told.Select(n => (n.ToRole!, n.Channel)).OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Channel, StringComparer.Ordinal).ToArray());
        Assert.Contains((await Queries.GetComplaintAsync(Admin, c.Id)).History, e => e.Kind == "reminder" && e.Note!.Contains("企业处理中")
                                                                                    && e.Note.Contains("企业服务经理") && !e.Note.Contains("EnterpriseManager"));
        // The task is still open (a reminder, not a withdrawal); the enterprise answers late, the review step gets its own reminder when late.
        var handle = await _h.OpenTaskAsync(c.InstanceId, "handleTask");
        await _h.Runtime.CompleteTaskAsync(handle.Id, ComplaintOutcomes.Respond, new JsonObject { ["response"] = "已致歉" }, "manager@test");
        Assert.Equal(0, await reminders.RunOnceAsync());
        Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await reminders.RunOnceAsync());
        Assert.Equal(6, (await _h.Store.GetNotificationsAsync(c.InstanceId)).Count(n => n.Subject.StartsWith("【催办】", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnEditedDefinitionChangesBehaviourForNewTicketsOnly()
    {
        var (before, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal"), "unit@test");
        // An administrator edits the on-site escalation: one early warning at 25 % instead of 50/80/100 %.
        var latest = (await _h.Store.FindLatestPublishedAsync("service-ticket"))!;
        var model = DefinitionJson.Parse(latest.Json);
        model.Activities.Single(a => a.Id == "watchOnsite").Inputs["levels"] = JsonNode.Parse("""[{"percent":25,"roles":["EnterpriseManager"]}]""");
        await _h.Definitions.SaveDraftAsync(model, "admin@test");
        var published = await _h.Definitions.PublishAsync("service-ticket");
        Assert.Equal(latest.Version + 1, published.Version);
        var (after, _) = await CreateAsync(Request(ScenarioNetwork.Qingxiu, "terminal", "另一台终端无法开机"), "unit@test");

        await CompleteAsync(before, "accept", TicketOutcomes.Accept, before.TechnicianUser!);
        await CompleteAsync(after, "accept", TicketOutcomes.Accept, after.TechnicianUser!);
        await AdvanceAsync(TimeSpan.FromHours(1));       // 25 %
        Assert.Empty(await NotificationsAsync(before.InstanceId, "到场"));
        Assert.Equal("EnterpriseManager", Assert.Single(await NotificationsAsync(after.InstanceId, "到场")).ToRole);
        await AdvanceAsync(TimeSpan.FromHours(1));       // 50 %
        Assert.Equal("Dispatcher", Assert.Single(await NotificationsAsync(before.InstanceId, "到场")).ToRole);
        Assert.Single(await NotificationsAsync(after.InstanceId, "到场"));
        Assert.Equal(latest.Version, (await _h.InstanceAsync(before.InstanceId)).DefinitionVersion);
        Assert.Equal(published.Version, (await _h.InstanceAsync(after.InstanceId)).DefinitionVersion);
    }
}

/// <summary>
/// A small, exact network: in the requester's county (青秀区) an expired certificate and a suspended integrator;
/// valid terminal technicians elsewhere in Nanning; the only database technician in Liuzhou.
/// </summary>
public sealed record ScenarioNetwork(Technician ValidNanning, Technician Second, Technician Expired, Technician Suspended, Technician Liuzhou)
{
    public static string Qingxiu => GuangxiDivisions.Shipped.Counties.Single(c => c.Name == "青秀区").Code;

    public static async Task<ScenarioNetwork> CreateAsync(IDbContextFactory<XfDbContext> factory)
    {
        var d = GuangxiDivisions.Shipped;
        var xingning = d.Counties.Single(c => c.Name == "兴宁区").Code;
        var liuzhou = d.CountiesOf("4502")[0].Code;
        await using var db = await factory.CreateDbContextAsync();
        var active = new Enterprise(Guid.CreateVersion7(), "测试集成商", EnterpriseKind.Integrator, ShortlistStatus.Active);
        var suspended = new Enterprise(Guid.CreateVersion7(), "暂停集成商", EnterpriseKind.Integrator, ShortlistStatus.Suspended);
        db.Enterprises.AddRange(active, suspended, new Enterprise(Guid.CreateVersion7(), "测试厂商", EnterpriseKind.ProductVendor, ShortlistStatus.Active));
        var pQingxiu = new ServicePoint(Guid.CreateVersion7(), active.Id, "青秀网点", ServicePointKind.OwnOutlet, Qingxiu);
        var pXingning = new ServicePoint(Guid.CreateVersion7(), active.Id, "兴宁网点", ServicePointKind.OwnOutlet, xingning);
        var pLiuzhou = new ServicePoint(Guid.CreateVersion7(), active.Id, "柳州网点", ServicePointKind.OwnOutlet, liuzhou);
        var pSuspended = new ServicePoint(Guid.CreateVersion7(), suspended.Id, "暂停网点", ServicePointKind.OwnOutlet, Qingxiu);
        db.ServicePoints.AddRange(pQingxiu, pXingning, pLiuzhou, pSuspended);
        Technician Tech(Enterprise e, ServicePoint p, string name, string user) => new(Guid.CreateVersion7(), e.Id, p.Id, name, user, 3);
        var valid = Tech(active, pXingning, "一工", "a@test");
        var second = Tech(active, pXingning, "二工", "b@test");
        var expired = Tech(active, pQingxiu, "丙工", "c@test");
        var susp = Tech(suspended, pSuspended, "丁工", "d@test");
        var lz = Tech(active, pLiuzhou, "戊工", "e@test");
        db.Technicians.AddRange(valid, second, expired, susp, lz);
        var today = new DateOnly(2026, 11, 27);
        db.Certificates.AddRange(
            new Certificate(valid.Id, "terminal", today.AddYears(-1), today.AddYears(1)),
            new Certificate(second.Id, "terminal", today.AddYears(-1), today.AddYears(1)),
            new Certificate(expired.Id, "terminal", today.AddYears(-2), today.AddDays(-1)),
            new Certificate(susp.Id, "terminal", today.AddYears(-1), today.AddYears(1)),
            new Certificate(lz.Id, "database", today.AddYears(-1), today.AddYears(1)));
        await db.SaveChangesAsync();
        return new ScenarioNetwork(valid, second, expired, susp, lz);
    }
}

public sealed class SqliteTicketScenarioTests : TicketScenarioTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlTicketScenarioTests : TicketScenarioTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
