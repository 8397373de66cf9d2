using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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
    public async Task Upgrading_KeepsAccountsDisabledByTheOldLockout_Disabled_AndUnlocksEveryoneElse(DatabaseProvider provider)
    {
        await using ITestDatabases dbs = provider == DatabaseProvider.Sqlite ? new SqliteDatabases() : new PostgreSqlDatabases();
        await using var db = Context(provider, await dbs.CreateAsync());
        // The database as the release before: disabling was a lockout until the end of time; five wrong API passwords locked for minutes.
        await db.GetService<IMigrator>().MigrateAsync("PasswordAge");
        object LockedUntil(DateTimeOffset t) => provider == DatabaseProvider.Sqlite ? t.UtcTicks : t.ToUniversalTime();
        const string Insert = """INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "LockoutEnd", "AccessFailedCount", "NotifyByEmail", "NotifyBySms") """;
        async Task InsertAsync(string name, DateTimeOffset? lockedUntil)
        {
            if (lockedUntil is { } l)
                await db.Database.ExecuteSqlRawAsync(Insert + "VALUES ({0}, {1}, {2}, TRUE, FALSE, FALSE, TRUE, {3}, 5, TRUE, FALSE)", Guid.NewGuid().ToString(), name, name.ToUpperInvariant(), LockedUntil(l));
            else
                await db.Database.ExecuteSqlRawAsync(Insert + "VALUES ({0}, {1}, {2}, TRUE, FALSE, FALSE, TRUE, NULL, 5, TRUE, FALSE)", Guid.NewGuid().ToString(), name, name.ToUpperInvariant());
        }
        await InsertAsync("disabled@upgrade.test", DateTimeOffset.MaxValue);
        await InsertAsync("guessed@upgrade.test", DateTimeOffset.UtcNow.AddMinutes(5));
        await InsertAsync("plain@upgrade.test", null);

        await db.Database.MigrateAsync();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync();
        Assert.Equal(["disabled@upgrade.test", "guessed@upgrade.test", "plain@upgrade.test"], users.Select(u => u.UserName));
        Assert.NotNull(users[0].DisabledAt);
        Assert.All(users.Skip(1), u => Assert.Null(u.DisabledAt));
        Assert.All(users, u => Assert.Null(u.LockoutEnd));
        Assert.All(users, u => Assert.False(u.LockoutEnabled));
        Assert.All(users, u => Assert.Equal(0, u.AccessFailedCount));
    }
}
