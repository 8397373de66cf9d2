using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// The coverage map (NET-3, DSH-1) on a hand-made network whose counts are worked out by hand, the liaisons (NET-4) with
/// their scope and audit, and the certificate expiry reminders (NET-3) fired by the real Quartz scheduler on a fake clock.
/// </summary>
public abstract class NetworkCoverageTests : IAsyncLifetime
{
    // 2026-11-02 10:00 China time.
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 2);
    private const string Xingning = "450102", Qingxiu = "450103", Jiangnan = "450105", Chengzhong = "450202";
    private EngineHarness _h = null!;
    private Enterprise _a = null!, _b = null!, _suspended = null!, _vendor = null!;
    private Technician _certified = null!, _lapsed = null!, _inactive = null!, _soon = null!;
    protected abstract ITestDatabases Databases { get; }

    private CoverageService Coverage => _h.Services.GetRequiredService<CoverageService>();
    private LiaisonService Liaisons => _h.Services.GetRequiredService<LiaisonService>();
    private IDbContextFactory<XfDbContext> Db => _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();
    private static readonly Actor Bureau = Actor.Of("bureau@test", [Roles.DataBureauAdmin]);
    private static readonly Actor Office = Actor.Of("office@test", [Roles.IntranetSupervisor]);
    private static readonly Actor Nanning = Actor.Of("nanning@test", [Roles.MunicipalCoordinator], cityCode: "4501");
    private static readonly Actor Liuzhou = Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502");
    private static readonly Actor Unit = Actor.Of("unit@test", [Roles.ProcurementUser], cityCode: "4501", unitId: Guid.NewGuid());
    private Actor ManagerOf(Enterprise e) => Actor.Of($"manager-{e.Name}@test", [Roles.EnterpriseManager], e.Id);

    public async Task InitializeAsync()
    {
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0), scheduler: true,
            settings: new Dictionary<string, string?> { ["Network:CertificateReminderDelay"] = "00:00:01", ["Network:CertificateReminderInterval"] = "00:00:01" });
        await using var db = await Db.CreateDbContextAsync();
        _a = new Enterprise(Guid.CreateVersion7(), "甲集成商", EnterpriseKind.Integrator, ShortlistStatus.Active);
        _b = new Enterprise(Guid.CreateVersion7(), "乙集成商", EnterpriseKind.Integrator, ShortlistStatus.Active);
        _suspended = new Enterprise(Guid.CreateVersion7(), "丙集成商", EnterpriseKind.Integrator, ShortlistStatus.Suspended);
        _vendor = new Enterprise(Guid.CreateVersion7(), "丁厂商", EnterpriseKind.ProductVendor, ShortlistStatus.Active);
        db.Enterprises.AddRange(_a, _b, _suspended, _vendor);
        // 兴宁区: 甲 and 乙; 青秀区: 甲 twice (one enterprise, counted once); 江南区: only the suspended integrator and the vendor — uncovered.
        var aXingning = new ServicePoint(Guid.CreateVersion7(), _a.Id, "甲兴宁网点", ServicePointKind.OwnOutlet, Xingning);
        db.ServicePoints.AddRange(aXingning,
            new ServicePoint(Guid.CreateVersion7(), _a.Id, "甲青秀网点", ServicePointKind.SharedResource, Qingxiu),
            new ServicePoint(Guid.CreateVersion7(), _a.Id, "甲青秀维修点", ServicePointKind.OutsourcedRepair, Qingxiu),
            new ServicePoint(Guid.CreateVersion7(), _b.Id, "乙兴宁网点", ServicePointKind.OwnOutlet, Xingning),
            new ServicePoint(Guid.CreateVersion7(), _suspended.Id, "丙江南网点", ServicePointKind.OwnOutlet, Jiangnan),
            new ServicePoint(Guid.CreateVersion7(), _vendor.Id, "丁江南服务部", ServicePointKind.OwnOutlet, Jiangnan),
            new ServicePoint(Guid.CreateVersion7(), _b.Id, "乙城中网点", ServicePointKind.OwnOutlet, Chengzhong));
        // At 甲兴宁网点: one certified today, one whose certificate lapsed yesterday, one inactive with a valid certificate, and one
        // whose certificate runs out in 20 days (certified today, and reminded of).
        _certified = new Technician(Guid.CreateVersion7(), _a.Id, aXingning.Id, "王伟", "t1@test", 2);
        _lapsed = new Technician(Guid.CreateVersion7(), _a.Id, aXingning.Id, "李芳", "t2@test", 2);
        _inactive = new Technician(Guid.CreateVersion7(), _a.Id, aXingning.Id, "张强", "t3@test", 2, Active: false);
        _soon = new Technician(Guid.CreateVersion7(), _a.Id, aXingning.Id, "刘敏", "t4@test", 1);
        db.Technicians.AddRange(_certified, _lapsed, _inactive, _soon);
        db.Certificates.AddRange(
            new Certificate(_certified.Id, "terminal", Today.AddYears(-1), Today.AddDays(400)),
            new Certificate(_lapsed.Id, "terminal", Today.AddYears(-3), Today.AddDays(-1)),
            new Certificate(_inactive.Id, "terminal", Today.AddYears(-1), Today.AddDays(10)),
            new Certificate(_soon.Id, "os", Today.AddYears(-3), Today.AddDays(20)));
        // 甲's manager is an account (the reminders go to it); 乙 has none.
        var role = new IdentityRole(Roles.EnterpriseManager) { Id = Guid.NewGuid().ToString(), NormalizedName = Roles.EnterpriseManager.ToUpperInvariant() };
        var manager = new AppUser { Id = Guid.NewGuid().ToString(), UserName = "manager-a@test", NormalizedUserName = "MANAGER-A@TEST", EnterpriseId = _a.Id };
        db.Roles.Add(role);
        db.Users.Add(manager);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = manager.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    [Fact]
    public async Task TheMap_CountsActiveIntegratorsPerCounty_RedWhereNone_WithinEachReadersReach()
    {
        var region = await Coverage.MapAsync(Bureau);
        Assert.Equal(111, region.Counties.Count);
        var counts = region.Counties.ToDictionary(c => c.CountyCode, c => c.Covering);
        Assert.Equal((2, 1, 0, 1), (counts[Xingning], counts[Qingxiu], counts[Jiangnan], counts[Chengzhong]));
        Assert.Equal(111 - 3, region.UncoveredCount);
        Assert.Equal(["乙集成商", "甲集成商"], region.Counties.Single(c => c.CountyCode == Xingning).CoveredBy.Order(StringComparer.Ordinal));
        Assert.Equal(counts, (await Coverage.MapAsync(Office)).Counties.ToDictionary(c => c.CountyCode, c => c.Covering));

        // A coordinator: their city's counties only; another city's county is not found.
        var nanning = await Coverage.MapAsync(Nanning);
        Assert.All(nanning.Counties, c => Assert.Equal("4501", c.CityCode));
        Assert.Equal(GuangxiDivisions.Shipped.CountiesOf("4501").Count, nanning.Counties.Count);
        await Assert.ThrowsAsync<NotFoundException>(() => Coverage.CountyAsync(Nanning, Chengzhong));
        Assert.Equal(1, (await Coverage.CountyAsync(Liuzhou, Chengzhong)).County.Covering);

        // An enterprise's manager: its own coverage, and only itself in a county's list.
        var own = await Coverage.MapAsync(ManagerOf(_b));
        Assert.Equal("乙集成商", own.Enterprise);
        Assert.Equal((1, 0, 1), (own.Counties.Single(c => c.CountyCode == Xingning).Covering, own.Counties.Single(c => c.CountyCode == Qingxiu).Covering,
            own.Counties.Single(c => c.CountyCode == Chengzhong).Covering));
        var ownCounty = await Coverage.CountyAsync(ManagerOf(_b), Qingxiu);
        Assert.Equal(_b.Id, Assert.Single(ownCounty.Enterprises).EnterpriseId);
        Assert.False(ownCounty.Enterprises[0].Covers);

        // Nobody else reads the map; a county that is not one is not found.
        await Assert.ThrowsAsync<ForbiddenException>(() => Coverage.MapAsync(Unit));
        await Assert.ThrowsAsync<NotFoundException>(() => Coverage.CountyAsync(Bureau, "4501"));
    }

    [Fact]
    public async Task ACounty_ListsEveryEnterprise_WithItsPointsAndTechniciansCertifiedToday_AndExportsTheSameRows()
    {
        var uncovered = await Coverage.CountyAsync(Bureau, Jiangnan);
        Assert.True(uncovered.County.Uncovered);
        // Every enterprise is listed; the suspended integrator and the vendor have points there but do not count.
        Assert.Equal(4, uncovered.Enterprises.Count);
        Assert.All(uncovered.Enterprises.Where(e => e.Counted), e => Assert.False(e.Covers));
        Assert.True(uncovered.Enterprises.Single(e => e.EnterpriseId == _suspended.Id).Covers);

        var xingning = await Coverage.CountyAsync(Bureau, Xingning);
        var a = xingning.Enterprises.Single(e => e.EnterpriseId == _a.Id);
        // 王伟 and 刘敏 hold a certificate valid today; 李芳's lapsed yesterday, 张强 is not active.
        Assert.Equal(2, Assert.Single(a.Points).CertifiedTechnicians);

        using var file = new MemoryStream();
        await CoverageService.WriteExcelAsync(uncovered, file, key => key);
        file.Position = 0;
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(4, rows.Count);   // one row per enterprise (each has at most one point in 江南区)
        Assert.All(rows, r => Assert.Equal("江南区", r["Coverage.Col.County"]));
        Assert.Equal(["Coverage.No", "Coverage.No", "Coverage.Yes", "Coverage.Yes"],
            rows.Select(r => (string)r["Coverage.Col.Covers"]).Order(StringComparer.Ordinal));
        Assert.Equal("丙江南网点", rows.Single(r => (string)r["Coverage.Col.Enterprise"] == "丙集成商")["Coverage.Col.Point"]);
    }

    [Fact]
    public async Task EachParty_NamesItsOwnLiaison_TheBureauAny_EveryoneWorkingReadsThem_AndEveryChangeIsAudited()
    {
        var rows = await Liaisons.ListAsync(ManagerOf(_a));
        Assert.Equal(2 + 14 + 4, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Liaison));
        Assert.Equal([$"enterprise-{_a.Id}"], rows.Where(r => r.MayEdit).Select(r => r.Party.Key));
        await Assert.ThrowsAsync<ForbiddenException>(() => Liaisons.ListAsync(Unit));

        var input = new LiaisonInput("覃海涛", "0771-5551234", "韦丽萍", "13877100001");
        await Liaisons.SaveAsync(ManagerOf(_a), $"enterprise-{_a.Id}", input);
        await Liaisons.SaveAsync(Nanning, "city-4501", input);
        await Liaisons.SaveAsync(Office, LiaisonParty.IntranetOffice, input);
        await Liaisons.SaveAsync(Bureau, $"enterprise-{_b.Id}", input);   // the Data Bureau may name anyone's
        // Another party's liaison is refused, whoever asks.
        await Assert.ThrowsAsync<ForbiddenException>(() => Liaisons.SaveAsync(ManagerOf(_a), $"enterprise-{_b.Id}", input));
        await Assert.ThrowsAsync<ForbiddenException>(() => Liaisons.SaveAsync(Nanning, "city-4502", input));
        await Assert.ThrowsAsync<ForbiddenException>(() => Liaisons.SaveAsync(Office, LiaisonParty.DataBureau, input));
        await Assert.ThrowsAsync<ForbiddenException>(() => Liaisons.SaveAsync(Liuzhou, $"enterprise-{_a.Id}", input));
        await Assert.ThrowsAsync<NotFoundException>(() => Liaisons.SaveAsync(Bureau, $"enterprise-{Guid.NewGuid()}", input));
        await Assert.ThrowsAsync<NotFoundException>(() => Liaisons.SaveAsync(Bureau, "city-9999", input));
        // A liaison needs a name and a phone; a deputy comes with its phone.
        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() => Liaisons.SaveAsync(Bureau, LiaisonParty.DataBureau, new LiaisonInput(" ", "电话", "韦丽萍", null)));
        Assert.Equal(["deputyPhone", "name", "phone"], invalid.Problems.Select(p => p.Field!).Order(StringComparer.Ordinal));

        await Liaisons.SaveAsync(ManagerOf(_a), $"enterprise-{_a.Id}", input with { Phone = "0771-5559999", DeputyName = null, DeputyPhone = null });
        var read = await Liaisons.ListAsync(Liuzhou);
        var mine = read.Single(r => r.Party.Key == $"enterprise-{_a.Id}").Liaison!;
        Assert.Equal(("覃海涛", "0771-5559999", null, null), (mine.Name, mine.Phone, mine.DeputyName, mine.DeputyPhone));
        Assert.Equal(4, read.Count(r => r.Liaison is not null));

        // Audited with before and after; the names and phones (contacts, encrypted at rest) are never stored in clear:
        // masked, with the fields that changed named.
        var lines = await _h.Services.GetRequiredService<IAuditLog>().ListAsync(LiaisonService.AuditKind, $"enterprise-{_a.Id}");
        Assert.Equal(["change", "name"], lines.Select(l => l.Action));
        Assert.Equal($"manager-{_a.Name}@test", lines[0].User);
        Assert.Null(lines[1].Before);
        var stored = await _h.Services.GetRequiredService<AuditService>().SearchAsync(Bureau, new AuditQuery(EntityKind: LiaisonService.AuditKind), 0, 50);
        Assert.Equal(5, stored.Total);
        foreach (var text in stored.Items.SelectMany(l => new[] { l.Before, l.After, l.Comment }))
            foreach (var clear in new[] { "覃海涛", "韦丽萍", "0771-5551234", "0771-5559999", "13877100001", "5551234", "5559999" })
                Assert.DoesNotContain(clear, text ?? "");
        var before = JsonNode.Parse(lines[0].Before!)!;
        var after = JsonNode.Parse(lines[0].After!)!;
        Assert.Equal(("覃**", "********1234", "韦**", "*******0001"), (before["name"]!.GetValue<string>(), before["phone"]!.GetValue<string>(),
            before["deputyName"]!.GetValue<string>(), before["deputyPhone"]!.GetValue<string>()));
        Assert.Equal(("覃**", "********9999"), (after["name"]!.GetValue<string>(), after["phone"]!.GetValue<string>()));
        Assert.Null(after["deputyName"]);
        Assert.Equal(["phone", "deputyName", "deputyPhone"], after[PersonalData.ChangedKey]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(["name", "phone", "deputyName", "deputyPhone"], JsonNode.Parse(lines[1].After!)![PersonalData.ChangedKey]!.AsArray().Select(f => f!.GetValue<string>()));
        // A new number with the same last four digits is still said to have changed.
        await Liaisons.SaveAsync(ManagerOf(_a), $"enterprise-{_a.Id}", input with { Phone = "0772-6669999", DeputyName = null, DeputyPhone = null });
        var same = JsonNode.Parse((await _h.Services.GetRequiredService<IAuditLog>().ListAsync(LiaisonService.AuditKind, $"enterprise-{_a.Id}"))[0].After!)!;
        Assert.Equal(["phone"], same[PersonalData.ChangedKey]!.AsArray().Select(f => f!.GetValue<string>()));

        // The audit names each line's party as the page and the API show it: an enterprise, a city; the two bureaus by their key.
        var expected = new (string, string?)[] { ("city-4501", "南宁市"), ($"enterprise-{_a.Id}", "甲集成商"), ($"enterprise-{_b.Id}", "乙集成商"), (LiaisonParty.IntranetOffice, null) };
        Assert.Equal(expected.OrderBy(p => p.Item1, StringComparer.Ordinal),
            stored.Items.Select(l => (l.EntityId, l.Subject)).Distinct().OrderBy(p => p.EntityId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task CertificatesRunningOut_AreRemindedToTheirEnterprisesManagers_ByTheDailyJob_OncePerThreshold()
    {
        // The real scheduler runs the job every second here (daily in the app): 刘敏's certificate (20 days left) is reminded
        // of; 王伟's (400 days), 李芳's (lapsed) and 张强's (not active) are not.
        var first = await RemindersEventuallyAsync(2);
        Assert.Equal(2, first.Count);   // the inbox and e-mail of 甲's one manager
        Assert.All(first, n => Assert.Equal("manager-a@test", n.ToUser));
        Assert.Equal(["email", "inbox"], first.Select(n => n.Channel).Order(StringComparer.Ordinal));
        Assert.Contains("刘敏", first[0].Body);
        Assert.DoesNotContain("王伟", first[0].Body);
        Assert.DoesNotContain("张强", first[0].Body);
        Assert.Contains("1 张", first[0].Subject);

        // Running again — the scheduler's next runs and one by hand — sends nothing new.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var service = _h.Services.GetRequiredService<CertificateReminderService>();
        Assert.Equal(0, await service.RunOnceAsync());
        Assert.Equal(2, (await RemindersAsync()).Count);

        // Seven days before its end it is reminded of once more — and only once.
        _h.Clock.Advance(TimeSpan.FromDays(14));
        var second = await RemindersEventuallyAsync(4);
        Assert.Equal(4, second.Count);
        Assert.Contains("刘敏", second[^1].Body);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0, await service.RunOnceAsync());
        Assert.Equal(4, (await RemindersAsync()).Count);
    }

    private async Task<List<Engine.Runtime.Notification>> RemindersEventuallyAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await RemindersAsync()).Count < count && DateTime.UtcNow < deadline) await Task.Delay(200);
        return await RemindersAsync();
    }

    private async Task<List<Engine.Runtime.Notification>> RemindersAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.TextKey == "CertificateExpiry").OrderBy(n => n.Id).ToListAsync();
    }
}

public sealed class SqliteNetworkCoverageTests : NetworkCoverageTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlNetworkCoverageTests : NetworkCoverageTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
