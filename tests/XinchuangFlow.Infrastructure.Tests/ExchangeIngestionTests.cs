using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Exchange;
using XinchuangFlow.Application.Rules;
using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// Issue 23 (DAT-2): an enterprise's own platform reports tickets and events in batches, on SQLite and PostgreSQL — the
/// same batch twice changes nothing, events arriving out of order across batches make the same ticket, every refused
/// record is named with its reason and the rest is stored, an atomic batch with a refusal stores nothing, a ticket is
/// judged by the SLA rules in force when it was created, and the contact's personal data stays out of the stored record.
/// </summary>
public abstract class ExchangeIngestionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Enterprise = Guid.Parse("0195a000-0000-7000-8000-0000000000e1");
    private static readonly Guid Other = Guid.Parse("0195a000-0000-7000-8000-0000000000e2");
    private static readonly string Nanning = GuangxiDivisions.Shipped.CountiesOf("4501")[0].Code;
    private static readonly string Guilin = GuangxiDivisions.Shipped.CountiesOf("4503")[0].Code;
    private const string Unit = "南宁市测试局";
    private EngineHarness _h = null!;
    protected abstract ITestDatabases Databases { get; }

    private static Actor Platform(Guid enterprise) => Actor.Of("platform:abcd1234", [Roles.EnterprisePlatform], enterprise);
    private ExchangeService Exchange => _h.Services.GetRequiredService<ExchangeService>();
    private IDbContextFactory<XfDbContext> Db => _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();

    public async Task InitializeAsync()
    {
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0));
        await _h.Initializer.ImportAsync(CancellationToken.None);
        await using var db = await Db.CreateDbContextAsync();
        db.ProcurementUnits.Add(new ProcurementUnit { Id = Guid.CreateVersion7(), Name = Unit, CityCode = "4501", CountyCode = Nanning });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    private static JsonObject Ticket(string id, DateTimeOffset? created = null, Guid? enterprise = null, string unit = Unit, string county = "", string title = "打印机卡纸") => new()
    {
        ["type"] = "ticket", ["enterprise"] = (enterprise ?? Enterprise).ToString(), ["externalId"] = id, ["createdAt"] = (created ?? Created).ToString("yyyy-MM-ddTHH:mm:sszzz"),
        ["channel"] = "hotline", ["procurementUnit"] = unit, ["contactName"] = "李四", ["contactPhone"] = "13800000000", ["cityCode"] = "4501",
        ["countyCode"] = county.Length > 0 ? county : Nanning, ["productCategory"] = "peripheral", ["title"] = title, ["description"] = "办公室打印机卡纸",
    };

    private static JsonObject Event(string id, int seq, double hours, string kind, Action<JsonObject>? more = null)
    {
        var e = new JsonObject
        {
            ["type"] = "event", ["enterprise"] = Enterprise.ToString(), ["externalId"] = id, ["sequence"] = seq,
            ["at"] = Created.AddHours(hours).ToString("yyyy-MM-ddTHH:mm:sszzz"), ["kind"] = kind,
        };
        if (kind == ExchangeKinds.Dispatched) (e["technician"], e["servicePointCounty"]) = ("王工", Nanning);
        if (kind == ExchangeKinds.Resolved) e["resolution"] = "清理卡纸，更换搓纸轮";
        if (kind == ExchangeKinds.Feedback) e["satisfaction"] = 4;
        more?.Invoke(e);
        return e;
    }

    private static JsonElement Batch(bool atomic = false, params JsonNode[] records)
    {
        var batch = new JsonObject { ["standard"] = "v1", ["records"] = new JsonArray(records.Select(r => r.DeepClone()).ToArray()) };
        if (atomic) batch["atomic"] = true;
        return JsonDocument.Parse(batch.ToJsonString()).RootElement;
    }

    private static JsonNode[] FullStory(string id) =>
    [
        Ticket(id), Event(id, 1, 0.25, ExchangeKinds.Dispatched), Event(id, 2, 0.5, ExchangeKinds.Accepted), Event(id, 3, 2.5, ExchangeKinds.CheckedIn),
        Event(id, 4, 3, ExchangeKinds.Resolved), Event(id, 5, 4, ExchangeKinds.Feedback), Event(id, 6, 4, ExchangeKinds.Closed),
    ];

    private async Task<Ticket> TicketAsync(string externalId, Guid? enterprise = null)
    {
        await using var db = await Db.CreateDbContextAsync();
        var e = enterprise ?? Enterprise;
        return await db.Tickets.AsNoTracking().SingleAsync(t => t.ReportedBy == e && t.ExternalId == externalId);
    }

    [Fact]
    public async Task ABatch_MakesAReportedTicket_AndTheSameBatchTwiceChangesNothing()
    {
        var first = await Exchange.IngestAsync(Platform(Enterprise), Batch(false, FullStory("WO-1")));
        Assert.Equal((7, 7, 0, 0, 1, true), (first.Received, first.Stored, first.Unchanged, first.Rejected, first.Tickets, first.Applied));
        var ticket = await TicketAsync("WO-1");
        Assert.StartsWith("GXR-4501-20261130-", ticket.Number);
        Assert.Equal((TicketStatus.Closed, 4, Enterprise, "李四", "13800000000"), (ticket.Status, ticket.Satisfaction!.Value, ticket.IntegratorId!.Value, ticket.ContactName, ticket.ContactPhone));
        // On site: accepted 09:30, checked in 11:30 = 2 h of 4 h (the point is in the requester's city); nothing breached.
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(4), false), (ticket.Clocks().OnSite.Consumed, ticket.Clocks().OnSite.Target, ticket.Breached));
        Assert.NotNull(ticket.ProcurementUnitId);

        var again = await Exchange.IngestAsync(Platform(Enterprise), Batch(false, FullStory("WO-1")));
        Assert.Equal((7, 0, 7, 0, 0), (again.Received, again.Stored, again.Unchanged, again.Rejected, again.Tickets));
        var same = await TicketAsync("WO-1");
        Assert.Equal((ticket.Version, ticket.Number, ticket.ClocksJson), (same.Version, same.Number, same.ClocksJson));
        await using var db = await Db.CreateDbContextAsync();
        Assert.Equal(7, await db.ReportedRecords.CountAsync());
        Assert.Equal(1, await db.Tickets.CountAsync(t => t.ReportedBy != null));
        // The batches' rows say what each did: the first made one ticket, the second (all unchanged) none.
        Assert.Equal([0, 1], (await db.ExchangeBatches.Where(b => b.EnterpriseId == Enterprise).Select(b => b.Tickets).ToListAsync()).Order());
        // The contact's name and phone are on the ticket (encrypted there), never in the stored record.
        var stored = await db.ReportedRecords.AsNoTracking().SingleAsync(r => r.Sequence == 0);
        Assert.DoesNotContain("13800000000", stored.Data);
        Assert.DoesNotContain("李四", stored.Data);
        // On PostgreSQL the new ticket is written with COPY: its columns still pass through the model's converters.
        var columns = await db.Database.SqlQueryRaw<string>(
            "SELECT \"ContactName\" AS \"Value\" FROM xf_tickets WHERE \"ReportedBy\" IS NOT NULL UNION ALL SELECT \"ContactPhone\" FROM xf_tickets WHERE \"ReportedBy\" IS NOT NULL").ToListAsync();
        Assert.Equal(2, columns.Count);
        Assert.All(columns, v => Assert.StartsWith("sm4:", v));
    }

    [Fact]
    public async Task NewTickets_AreNumberedPerCityAndDay_InCreationOrder_AndTheNextBatchCarriesOn()
    {
        JsonObject InGuilin(JsonObject t) { t["cityCode"] = "4503"; t["countyCode"] = Guilin; return t; }
        var first = await Exchange.IngestAsync(Platform(Enterprise), Batch(false,
            Ticket("N-LATER", Created.AddHours(1)), Ticket("N-NEXT-DAY", Created.AddDays(1)), InGuilin(Ticket("G-1")), Ticket("N-FIRST")));
        Assert.Equal((4, 4, 0), (first.Stored, first.Tickets, first.Rejected));
        var second = await Exchange.IngestAsync(Platform(Enterprise), Batch(false, Ticket("N-THIRD", Created.AddHours(2))));
        Assert.Equal(1, second.Tickets);
        var numbers = new Dictionary<string, string>();
        foreach (var id in new[] { "N-FIRST", "N-LATER", "N-THIRD", "N-NEXT-DAY", "G-1" }) numbers[id] = (await TicketAsync(id)).Number;
        Assert.Equal(new Dictionary<string, string>
        {
            ["N-FIRST"] = "GXR-4501-20261130-00001", ["N-LATER"] = "GXR-4501-20261130-00002", ["N-THIRD"] = "GXR-4501-20261130-00003",
            ["N-NEXT-DAY"] = "GXR-4501-20261201-00001", ["G-1"] = "GXR-4503-20261130-00001",
        }, numbers);
    }

    [Fact]
    public async Task EventsOutOfOrder_AcrossBatches_MakeTheSameTicketAsInOrder()
    {
        var story = FullStory("WO-2");
        await Exchange.IngestAsync(Platform(Enterprise), Batch(false, story[0], story[4], story[6], story[3]));
        var half = await TicketAsync("WO-2");
        Assert.Equal(TicketStatus.Closed, half.Status);
        await Exchange.IngestAsync(Platform(Enterprise), Batch(false, story[5], story[2], story[1]));
        await Exchange.IngestAsync(Platform(Enterprise), Batch(false, FullStory("WO-3")));
        var late = await TicketAsync("WO-2");
        var inOrder = await TicketAsync("WO-3");
        Assert.Equal(inOrder.ClocksJson, late.ClocksJson);
        Assert.Equal((inOrder.Status, inOrder.Satisfaction, inOrder.CheckInAt, inOrder.TechnicianName), (late.Status, late.Satisfaction, late.CheckInAt, late.TechnicianName));
        Assert.True(late.Version > half.Version);
    }

    [Fact]
    public async Task ACorrectedRecord_ReplacesTheStoredOne()
    {
        await Exchange.IngestAsync(Platform(Enterprise), Batch(false, FullStory("WO-4")));
        Assert.Equal(4, (await TicketAsync("WO-4")).Satisfaction);
        var corrected = Event("WO-4", 5, 4, ExchangeKinds.Feedback, e => e["satisfaction"] = 2);
        var report = await Exchange.IngestAsync(Platform(Enterprise), Batch(false, corrected));
        Assert.Equal((1, 0, 1), (report.Stored, report.Unchanged, report.Tickets));
        Assert.Equal(2, (await TicketAsync("WO-4")).Satisfaction);
    }

    [Fact]
    public async Task EveryRefusedRecord_IsNamedWithItsReason_AndTheRestIsStored()
    {
        var report = await Exchange.IngestAsync(Platform(Enterprise), Batch(false,
            Ticket("OK-1"),                                                                          // 0 stored
            Ticket("OTHER-1", enterprise: Other),                                                    // 1 another enterprise
            Ticket("UNIT-1", unit: "不存在的单位"),                                                   // 2 unknown unit
            Ticket("COUNTY-1", county: Guilin),                                                      // 3 county not in the city
            Event("NOBODY", 1, 1, ExchangeKinds.Accepted),                                           // 4 no such ticket
            Event("OK-1", 1, 1, ExchangeKinds.Feedback, e => e["satisfaction"] = 7),                 // 5 schema: 1–5
            Event("OK-1", 2, 1, ExchangeKinds.Accepted),                                             // 6 stored
            Event("OK-1", 2, 2, ExchangeKinds.Accepted),                                             // 7 the same key twice
            Event("OK-1", 3, 24 * 30, ExchangeKinds.Resolved),                                       // 8 in the future
            Event("OK-1", 4, -1, ExchangeKinds.Dispatched),                                          // 9 before the ticket
            Ticket("HTML-1", title: "打印\u202E机"),                                                  // 10 a direction override
            new JsonObject { ["type"] = "event", ["enterprise"] = Enterprise.ToString(), ["externalId"] = "OK-1", ["sequence"] = 5,
                ["at"] = "yesterday", ["kind"] = "teleported" }));                                   // 11 schema: time and kind
        Assert.Equal((12, 2, 10, true), (report.Received, report.Stored, report.Rejected, report.Applied));
        var codes = report.Rejections.ToDictionary(r => r.Index, r => r.Problems.Select(p => p.Code).ToList());
        Assert.Equal([1, 2, 3, 4, 5, 7, 8, 9, 10, 11], codes.Keys.Order());
        Assert.Equal([ExchangeProblems.OtherEnterprise], codes[1]);
        Assert.Equal([ExchangeProblems.UnknownUnit], codes[2]);
        Assert.Equal([ExchangeProblems.CountyNotInCity], codes[3]);
        Assert.Equal([ExchangeProblems.UnknownTicket], codes[4]);
        Assert.Equal("satisfaction", Assert.Single(report.Rejections.Single(r => r.Index == 5).Problems).Field);
        Assert.Equal([ExchangeProblems.Duplicate], codes[7]);
        Assert.Equal([ExchangeProblems.FutureTime], codes[8]);
        Assert.Equal([ExchangeProblems.BeforeCreated], codes[9]);
        Assert.Equal([TextProblems.DirectionControl], codes[10]);
        Assert.Equal(["at", "kind"], report.Rejections.Single(r => r.Index == 11).Problems.Select(p => p.Field).Distinct().Order());
        Assert.All(report.Rejections.Single(r => r.Index == 11).Problems, p => Assert.Equal(ExchangeProblems.Schema, p.Code));
        Assert.Equal(("OK-1", (int?)2), (report.Rejections.Single(r => r.Index == 7).ExternalId, report.Rejections.Single(r => r.Index == 7).Sequence));

        Assert.Equal(TicketStatus.Accepted, (await TicketAsync("OK-1")).Status);
        await using var db = await Db.CreateDbContextAsync();
        Assert.Equal(2, await db.ReportedRecords.CountAsync());
        Assert.Equal(1, await db.Tickets.CountAsync(t => t.ReportedBy != null));
    }

    [Fact]
    public async Task AnAtomicBatch_WithOneRefusedRecord_StoresNothing()
    {
        var report = await Exchange.IngestAsync(Platform(Enterprise), Batch(true, [.. FullStory("WO-5"), Ticket("UNIT-2", unit: "不存在的单位")]));
        Assert.Equal((false, 0, 1), (report.Applied, report.Stored, report.Rejected));
        Assert.Equal(8, report.Rejections.Count);
        Assert.Equal(ExchangeProblems.NotStoredAtomic, report.Rejections[0].Problems.Single().Code);
        await using var db = await Db.CreateDbContextAsync();
        Assert.Equal(0, await db.ReportedRecords.CountAsync());
        Assert.Equal(0, await db.Tickets.CountAsync(t => t.ReportedBy != null));
    }

    [Fact]
    public async Task AWholeBatchOutsideTheStandard_IsRefused_AndOnlyAnEnterprisesPlatformReports()
    {
        var tooMany = Batch(false, Enumerable.Range(0, 1001).Select(i => (JsonNode)Ticket($"N-{i}")).ToArray());
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => Exchange.IngestAsync(Platform(Enterprise), tooMany));
        Assert.Equal(ExchangeProblems.Batch, refused.Problems.Single().Code);
        var wrongVersion = JsonDocument.Parse("""{ "standard": "v2", "records": [] }""").RootElement;
        Assert.All((await Assert.ThrowsAsync<InvalidInputException>(() => Exchange.IngestAsync(Platform(Enterprise), wrongVersion))).Problems,
            p => Assert.Equal(ExchangeProblems.Batch, p.Code));
        var manager = Actor.Of("manager@test", [Roles.EnterpriseManager], Enterprise);
        var denied = await Assert.ThrowsAsync<ForbiddenException>(() => Exchange.IngestAsync(manager, Batch(false, FullStory("WO-6"))));
        Assert.Equal(ExchangeProblems.NotAReporter, denied.Problems.Single().Code);
        await using var db = await Db.CreateDbContextAsync();
        Assert.Equal(0, await db.ReportedRecords.CountAsync());
    }

    [Fact]
    public async Task ReportedTickets_CountInTheIndicators_WithTheirComplaints()
    {
        // K1 kept every promise; K2's technician came from Guilin and was on site after 13 h of 12 h, and the unit
        // complained 2 h after creation, closed 10 h later.
        var stored = await Exchange.IngestAsync(Platform(Enterprise), Batch(false, [.. FullStory("K1"),
            Ticket("K2"), Event("K2", 1, 0, ExchangeKinds.Dispatched, e => e["servicePointCounty"] = Guilin), Event("K2", 2, 1, ExchangeKinds.Accepted),
            Event("K2", 3, 2, ExchangeKinds.Complaint), Event("K2", 4, 12, ExchangeKinds.ComplaintClosed), Event("K2", 5, 14, ExchangeKinds.CheckedIn),
            Event("K2", 6, 15, ExchangeKinds.Resolved)]));
        Assert.Equal(0, stored.Rejected);
        var bureau = Actor.Of("admin@test", [Roles.DataBureauAdmin]);
        var report = await _h.Services.GetRequiredService<XinchuangFlow.Application.Assessment.KpiService>()
            .ReportAsync(bureau, null, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1));
        var all = report.Groups.Single(g => g.Dimension == XinchuangFlow.Domain.Assessment.KpiCalculator.Overall);
        var k2 = (await TicketAsync("K2")).Number;
        Assert.Equal((2.0, 2.0), (all["tickets"].Value!.Value, all["reported"].Value!.Value));
        Assert.Equal((50.0, 1.0, 2), (all["onsite-on-time"].Value!.Value, all["onsite-on-time"].Numerator, all["onsite-on-time"].Denominator));
        Assert.Equal([k2], all["onsite-on-time"].Against);
        Assert.Equal((50.0, 100.0, 10.0), (all["complaint-rate"].Value!.Value, all["complaint-closed-on-time"].Value!.Value, all["complaint-closure-hours"].Value!.Value));
        Assert.Equal(Enterprise.ToString(), report.Groups.Single(g => g.Dimension == "enterprise").Key);
        // A period without them counts nothing.
        var october = await _h.Services.GetRequiredService<XinchuangFlow.Application.Assessment.KpiService>().ReportAsync(bureau, "2026Q3", null, null);
        Assert.Equal(0.0, october.Groups.Single(g => g.Dimension == "all")["tickets"].Value);
    }

    [Fact]
    public async Task ATicket_IsJudgedByTheRulesInForceWhenItWasCreated()
    {
        // Nanning tightens the same-city promise to 2 h at 11:00 on 1 December; a ticket of 30 November keeps 4 h.
        _h.Clock.SetUtcNow(T0.AddHours(1));
        await _h.Services.GetRequiredService<IRuleSetStore>().SaveAsync(RuleKinds.Sla, "4501", """{ "onSite": { "sameCity": "PT2H" } }""", "coordinator@test", null, "试行", "save");
        _h.Clock.SetUtcNow(T0.AddHours(20));
        var after = new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.FromHours(8));
        await Exchange.IngestAsync(Platform(Enterprise), Batch(false,
            [.. FullStory("BEFORE"), Ticket("AFTER", after), Event("AFTER", 1, 29.25, ExchangeKinds.Dispatched), Event("AFTER", 2, 29.5, ExchangeKinds.Accepted), Event("AFTER", 3, 32, ExchangeKinds.CheckedIn)]));
        var before = (await TicketAsync("BEFORE")).Clocks().OnSite;
        var later = await TicketAsync("AFTER");
        Assert.Equal((TimeSpan.FromHours(4), TimeSpan.FromHours(2)), (before.Target, before.Consumed));
        // Accepted 14:30 (29.5 h after 30 Nov 09:00), on site 17:00: 2 h 30 min of 2 h — late under the rules of the day.
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(2.5), true), (later.Clocks().OnSite.Target, later.Clocks().OnSite.Consumed, later.Breached));
        Assert.Contains("4501", later.Clocks().OnSite.TargetReason);
    }
}

public sealed class SqliteExchangeIngestionTests : ExchangeIngestionTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlExchangeIngestionTests : ExchangeIngestionTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
