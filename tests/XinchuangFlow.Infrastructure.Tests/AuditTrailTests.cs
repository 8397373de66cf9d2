using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// SEC-3: every ticket action, definition change and key issued is a line of the audit trail; lines are sealed into an
/// SM3 chain; the database refuses changing or deleting a line; and someone who gets around that (a database owner
/// dropping the guard) is found out by verification, at the line they touched.
/// </summary>
public abstract class AuditTrailTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Bureau = Actor.Of("admin@test", [Roles.DataBureauAdmin]);
    private EngineHarness _h = null!;
    protected abstract ITestDatabases Databases { get; }
    private AuditService Audit => _h.Services.GetRequiredService<AuditService>();
    private IDbContextFactory<XfDbContext> Db => _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();

    public async Task InitializeAsync()
    {
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0));
        await _h.Initializer.ImportAsync(CancellationToken.None);
        await ScenarioNetwork.CreateAsync(Db);
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    /// <summary>Runs SQL as the database's owner would, around the platform.</summary>
    private async Task SqlAsync(string sql)
    {
        await using var db = await Db.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private string Table => "xf_audit";
    private string DropGuard => Databases.Provider == DatabaseProvider.PostgreSql
        ? "ALTER TABLE xf_audit DISABLE TRIGGER xf_audit_guard"
        : "DROP TRIGGER xf_audit_no_change; DROP TRIGGER xf_audit_no_delete";

    [Fact]
    public async Task EveryChangeIsALine_TheChainIsSealedWithSm3_AndTamperingIsFoundAtTheLineTouched()
    {
        // A ticket filed and accepted, a key issued: each is in the trail, with who and when.
        var intake = _h.Services.GetRequiredService<TicketIntakeService>();
        var (ticket, _) = await intake.CreateTrustedAsync(new TicketRequest
        {
            Channel = "portal", ProcurementUnit = "青秀区财政局", ContactName = "陆工", ContactPhone = "0771-5550101", CityCode = "4501",
            CountyCode = ScenarioNetwork.Qingxiu, ProductCategory = "terminal", Impact = "single", Title = "终端无法开机", Description = "按电源键无反应。",
        }, "unit@test", mayNameIntegrator: true);
        var task = await _h.OpenTaskAsync(ticket.InstanceId, "accept");
        using (XinchuangFlow.Engine.Runtime.CallOrigin.Use("10.45.7.8"))          // as the web layer sets it around a request
            await _h.Runtime.CompleteTaskAsync(task.Id, TicketOutcomes.Accept, [], ticket.TechnicianUser);
        await _h.Services.GetRequiredService<XinchuangFlow.Application.Platforms.PlatformKeyService>().IssueAsync(Bureau, "广西政务服务平台");

        var (lines, total) = await Audit.SearchAsync(Bureau, new AuditQuery(EntityId: ticket.Number), 0, 200);
        Assert.True(total >= 3, $"{total} lines for the ticket");
        Assert.Contains(lines, l => l.User == "unit@test" && l.EntityKind == "ticket");
        Assert.Contains(lines, l => l.User == ticket.TechnicianUser && l.Before == "dispatched" && l.After!.Contains("\"status\":\"accepted\"") && l.Address == "10.45.7.8");
        // From where: what no request caused (intake here runs outside any request) is attributed to the node.
        Assert.Contains(lines, l => l.User == "unit@test" && l.Address == XinchuangFlow.Engine.Runtime.CallOrigin.ThisNode);
        Assert.All(lines, l => Assert.False(string.IsNullOrEmpty(l.Address)));
        Assert.Contains(lines, l => l.After!.Contains("到场"));                 // readable Chinese, not \u escapes
        Assert.Single((await Audit.SearchAsync(Bureau, new AuditQuery(EntityKind: "platform-key", Action: "issue"), 0, 10)).Items);
        await Assert.ThrowsAsync<ForbiddenException>(() => Audit.SearchAsync(Actor.Of("tech@test", [Roles.Technician]), new AuditQuery(), 0, 10));

        // Sealed: one chain over every line, verified from the first.
        var verified = await Audit.VerifyAsync(Bureau);
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(0, verified.Unsealed);
        await using (var db = await Db.CreateDbContextAsync())
        {
            Assert.Equal(await db.Audit.CountAsync(), verified.Sealed);
            Assert.Equal(64, verified.HeadHash!.Length);                        // SM3: 256 bits
        }

        // The database itself refuses changing or deleting a sealed line.
        await Assert.ThrowsAnyAsync<Exception>(() => SqlAsync($"UPDATE {Table} SET \"After\" = 'forged' WHERE \"SealOrder\" = 3"));
        await Assert.ThrowsAnyAsync<Exception>(() => SqlAsync($"DELETE FROM {Table} WHERE \"SealOrder\" = 4"));
        Assert.True((await Audit.VerifyAsync(Bureau)).Intact);

        // Someone with the owner's rights drops the guard and edits a line: verification names that line.
        await SqlAsync(DropGuard);
        string original;
        await using (var db = await Db.CreateDbContextAsync()) original = (await db.Audit.AsNoTracking().SingleAsync(a => a.SealOrder == 3)).After ?? "";
        await SqlAsync($"UPDATE {Table} SET \"After\" = 'forged' WHERE \"SealOrder\" = 3");
        var changed = await Audit.VerifyAsync(Bureau);
        Assert.False(changed.Intact);
        Assert.Equal(3, changed.BrokenAt);
        Assert.Contains("changed after it was sealed", changed.Problem);
        // Put back exactly as it was, the chain holds again; a line removed breaks it where it was.
        await using (var db = await Db.CreateDbContextAsync())
            await db.Database.ExecuteSqlAsync($"UPDATE xf_audit SET \"After\" = {original} WHERE \"SealOrder\" = 3");
        Assert.True((await Audit.VerifyAsync(Bureau)).Intact);
        await SqlAsync($"DELETE FROM {Table} WHERE \"SealOrder\" = 4");
        var removed = await Audit.VerifyAsync(Bureau);
        Assert.Equal(4, removed.BrokenAt);
        Assert.Contains("missing", removed.Problem);
    }

    [Fact]
    public async Task TheExport_IsCsvWithEveryMatchingLine_AndNoFormulas()
    {
        var audit = _h.Services.GetRequiredService<IAuditLog>();
        await audit.RecordAsync(new AuditEntry { Id = Guid.CreateVersion7(), At = T0, User = "admin@test", EntityKind = "rule-set", EntityId = "sla/4502", Action = "save", Comment = "=HYPERLINK(\"http://evil\"),柳州" });
        var csv = System.Text.Encoding.UTF8.GetString(await Audit.ExportCsvAsync(Bureau, new AuditQuery(EntityKind: "rule-set", EntityId: "sla/4502")));
        var rows = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sealOrder,at,user", rows[0]);
        var row = Assert.Single(rows[1..]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\"),柳州\"", row);   // quoted, and no longer a formula
        Assert.Contains("2026-11-27 09:00:00.000 +08:00", row);
    }
}

public sealed class SqliteAuditTrailTests : AuditTrailTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlAuditTrailTests : AuditTrailTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
