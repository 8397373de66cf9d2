using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace XinchuangFlow.Web.Tests;

/// <summary>A node on a PostgreSQL database that outlives it (the test creates and drops the database).</summary>
public sealed class PostgresNodeFactory(string connectionString, string keyFile) : WebAppFactory
{
    protected override (string Provider, string ConnectionString) Database() => ("PostgreSql", connectionString);
    protected override string KeyFile() => keyFile;
}

/// <summary>
/// SEC-1: a disabled account is a state of its own: it survives the node's restart (the start-up seeding touches no
/// account), and only the Data Bureau changes it — on SQLite and PostgreSQL.
/// </summary>
public abstract class AccountRestartTests : IAsyncLifetime
{
    protected readonly string Folder = Path.Combine(Path.GetTempPath(), "xf-restart-" + Guid.NewGuid().ToString("N"));
    protected abstract WebAppFactory Node();

    public virtual Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync()
    {
        try { Directory.Delete(Folder, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ADisabledAccount_StaysDisabledAfterARestart_AndTheAuditTrailSaysWhoDisabledIt()
    {
        const string email = "restart@session.test", own = "Restart#2026pw";
        await using (var first = Node())
        {
            var admin = await first.LoginAsync(ForeignTenant.Admin, ForeignTenant.AdminPassword);
            var created = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "重启测试", role = "Dispatcher" });
            var temporary = (await created.Content.ReadFromJsonAsync<JsonObject>())!["temporaryPassword"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.NoContent, (await first.CreateClient().PostAsJsonAsync("/api/auth/password", new { email, currentPassword = temporary, newPassword = own })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{email}/disable", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await first.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = own })).StatusCode);
        }
        await using var second = Node();
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = own })).StatusCode);
        var again = await second.LoginAsync(ForeignTenant.Admin, ForeignTenant.AdminPassword);
        var listed = (await again.GetFromJsonAsync<JsonArray>("/api/users?text=restart"))!;
        Assert.True(Assert.Single(listed)!["disabled"]!.GetValue<bool>());
        var lines = (await again.GetFromJsonAsync<JsonObject>($"/api/audit?kind=user&id={email}&take=50"))!["items"]!.AsArray();
        Assert.Single(lines, l => l!["action"]!.GetValue<string>() == "disable" && l["user"]!.GetValue<string>() == ForeignTenant.Admin);
        Assert.DoesNotContain(lines, l => l!["action"]!.GetValue<string>() == "enable");
        // Only the Data Bureau enables it again.
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsync($"/api/users/{email}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = own })).StatusCode);
    }
}

public sealed class AccountRestartSqliteTests : AccountRestartTests
{
    protected override WebAppFactory Node() => new NodeFactory(Path.Combine(Folder, "node.db"), Path.Combine(Folder, "node.key"));

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return base.DisposeAsync();
    }
}

public sealed class AccountRestartPostgresTests : AccountRestartTests
{
    private readonly string _database = "xf_restart_" + Guid.NewGuid().ToString("N");
    private static string Server => Environment.GetEnvironmentVariable("XF_TEST_POSTGRES") is { Length: > 0 } cs
        ? cs : throw new InvalidOperationException("XF_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

    protected override WebAppFactory Node() =>
        new PostgresNodeFactory(new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ToString(), Path.Combine(Folder, "node.key"));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = new NpgsqlConnection(Server);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var conn = new NpgsqlConnection(Server))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        await base.DisposeAsync();
    }
}
