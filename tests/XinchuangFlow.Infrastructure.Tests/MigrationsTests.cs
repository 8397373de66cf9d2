using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>OPS-2: one migrations assembly per provider, each in step with the model.</summary>
public class MigrationsTests
{
    private static XfDbContext Context(DatabaseProvider provider, string cs)
    {
        var b = new DbContextOptionsBuilder<XfDbContext>();
        DatabaseOptions.Configure(b, provider, cs);
        return new XfDbContext(b.Options);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=none")]
    // SQL Server cannot run on this machine; its migrations are still generated and checked against the model.
    [InlineData(DatabaseProvider.SqlServer, "Server=127.0.0.1;Database=none;TrustServerCertificate=True")]
    public void Model_HasNoPendingChanges(DatabaseProvider provider, string cs)
    {
        using var db = Context(provider, cs);
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model changed without a migration; run dotnet ef migrations add.");
        var migrations = db.GetService<IMigrationsAssembly>().Migrations;
        Assert.NotEmpty(migrations);
        Assert.Equal($"XinchuangFlow.Migrations.{provider}", db.GetService<IMigrationsAssembly>().Assembly.GetName().Name);
    }

    [Fact]
    public async Task PostgreSql_MigrateOnEmptyDatabase_CreatesEngineTables()
    {
        await using var dbs = new PostgreSqlDatabases();
        await using var db = Context(DatabaseProvider.PostgreSql, await dbs.CreateAsync());
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Timers.CountAsync());
        Assert.Equal(0, await db.Definitions.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void TheMigrationsAreOneBaseline_AndThePreBaselineListIsComplete(DatabaseProvider provider)
    {
        using var db = Context(provider, ConnectionStringOnlyToBuildTheModel(provider));
        var migrations = db.GetService<IMigrationsAssembly>().Migrations.Keys.ToList();
        Assert.Single(migrations, id => id.EndsWith("_Baseline", StringComparison.Ordinal));
        // Every later migration sorts after the baseline, and none of the replaced ids can come back.
        Assert.Equal("Baseline", migrations[0][15..]);
        Assert.Empty(migrations.Intersect(PreBaselineMigrations.For(provider)));
        Assert.Equal(16, PreBaselineMigrations.For(provider).Distinct().Count());
        Assert.All(PreBaselineMigrations.For(provider), id => Assert.True(string.CompareOrdinal(id, migrations[0]) < 0, id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ANewDatabase_GetsTheBaseline_AndTheAuditTrailIsAppendOnly(DatabaseProvider provider)
    {
        await using ITestDatabases dbs = provider == DatabaseProvider.Sqlite ? new SqliteDatabases() : new PostgreSqlDatabases();
        await using var db = Context(provider, await dbs.CreateAsync());
        Assert.Equal(BaselineAdoptionResult.NotNeeded, await BaselineAdoption.AdoptAsync(db, provider));
        await db.Database.MigrateAsync();
        Assert.Equal(db.GetService<IMigrationsAssembly>().Migrations.Keys, await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(Baseline(db), (await db.Database.GetAppliedMigrationsAsync()).First());
        Assert.Equal(BaselineAdoptionResult.NotNeeded, await BaselineAdoption.AdoptAsync(db, provider));

        // The triggers are hand-written in the baseline: without them a line of the audit trail could be deleted.
        db.Audit.Add(new XinchuangFlow.Application.Audit.AuditEntry { Id = Guid.NewGuid(), At = DateTimeOffset.UtcNow, EntityKind = "test", EntityId = "1", Action = "create" });
        await db.SaveChangesAsync();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM xf_audit"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ADatabaseCreatedBeforeTheBaseline_IsAdopted_KeepsItsRows_AndWorks(DatabaseProvider provider)
    {
        await using ITestDatabases dbs = provider == DatabaseProvider.Sqlite ? new SqliteDatabases() : new PostgreSqlDatabases();
        await using var db = Context(provider, await dbs.CreateAsync());
        // The replaced migrations built the baseline's schema exactly (compared with sqlite3 .schema and pg_dump when the
        // baseline was made), so such a database is the baseline's schema with the old ids in its history.
        await db.GetService<IMigrator>().MigrateAsync(Baseline(db));
        await ReplaceHistoryAsync(db, PreBaselineMigrations.For(provider));
        db.ProcurementUnits.Add(new XinchuangFlow.Domain.Tickets.ProcurementUnit { Id = Guid.NewGuid(), Name = "Written before the baseline" });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        // A unit's rating open when the upgrade comes, written by the shipped flow before tasks had kinds.
        var at = provider == DatabaseProvider.Sqlite ? "0" : "'2026-11-27T01:00:00Z'";
        var insert = "INSERT INTO xf_tasks (\"Id\", \"InstanceId\", \"BookmarkId\", \"ActivityId\", \"DefinitionId\", \"Title\", \"Status\", \"Outcomes\", \"Form\", \"CreatedAt\") " +
            $"VALUES ('{Guid.NewGuid()}', '{Guid.NewGuid()}', '{Guid.NewGuid()}', 'feedbackTask', 'service-ticket', '请评价', 0, '[]', '[]', {at})";
        await db.Database.ExecuteSqlRawAsync(insert);

        Assert.Equal(BaselineAdoptionResult.Adopted, await BaselineAdoption.AdoptAsync(db, provider));
        Assert.Equal([Baseline(db)], await db.Database.GetAppliedMigrationsAsync());
        // The additive migrations written since the baseline then apply as on any database.
        Assert.Equal(db.GetService<IMigrationsAssembly>().Migrations.Keys.Skip(1), await db.Database.GetPendingMigrationsAsync());
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(BaselineAdoptionResult.NotNeeded, await BaselineAdoption.AdoptAsync(db, provider));

        Assert.Equal("Written before the baseline", (await db.ProcurementUnits.SingleAsync()).Name);
        // The TaskKind migration gave it the kind its step declares now: the portal finds it after the upgrade.
        Assert.Equal(["ticket.feedback"], await db.Database.SqlQueryRaw<string>("SELECT \"TaskKind\" AS \"Value\" FROM xf_tasks").ToListAsync());
        db.ProcurementUnits.Add(new XinchuangFlow.Domain.Tickets.ProcurementUnit { Id = Guid.NewGuid(), Name = "Written after" });
        await db.SaveChangesAsync();
        Assert.Equal(2, await db.ProcurementUnits.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ADatabaseWithOnlySomeOfTheReplacedMigrations_IsRefused_SayingHowToUpgrade_AndNothingChanges(DatabaseProvider provider)
    {
        await using ITestDatabases dbs = provider == DatabaseProvider.Sqlite ? new SqliteDatabases() : new PostgreSqlDatabases();
        await using var db = Context(provider, await dbs.CreateAsync());
        await db.Database.MigrateAsync();
        // As a release from before the last two migrations left it (PasswordAge and AccountDisabled not yet applied).
        var partial = PreBaselineMigrations.For(provider).Take(14).ToList();
        await ReplaceHistoryAsync(db, partial);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => BaselineAdoption.AdoptAsync(db, provider));
        Assert.Contains("predates the baseline", refused.Message);
        Assert.Contains("previous version", refused.Message);
        Assert.Contains("recreate", refused.Message);
        Assert.Contains(PreBaselineMigrations.For(provider)[15], refused.Message);
        Assert.Equal(partial, await db.Database.GetAppliedMigrationsAsync());
    }

    private static string Baseline(XfDbContext db) => db.GetService<IMigrationsAssembly>().Migrations.Keys.Single(id => id.EndsWith("_Baseline", StringComparison.Ordinal));

    private static string ConnectionStringOnlyToBuildTheModel(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=:memory:",
        DatabaseProvider.PostgreSql => "Host=127.0.0.1;Database=none",
        _ => "Server=127.0.0.1;Database=none;TrustServerCertificate=True",
    };

    /// <summary>Makes the history list <paramref name="ids"/> instead of what it lists.</summary>
    private static async Task ReplaceHistoryAsync(XfDbContext db, IEnumerable<string> ids)
    {
        var history = db.GetService<IHistoryRepository>();
        foreach (var row in await history.GetAppliedMigrationsAsync())
            await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(row.MigrationId));
        foreach (var id in ids)
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(id, "10.0.0")));
    }
}
