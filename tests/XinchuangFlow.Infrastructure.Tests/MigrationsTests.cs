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
}
