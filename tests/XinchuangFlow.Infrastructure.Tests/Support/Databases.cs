using Microsoft.Data.Sqlite;
using Npgsql;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Tests.Support;

/// <summary>Creates a fresh, empty database for one test.</summary>
public interface ITestDatabases : IAsyncDisposable
{
    DatabaseProvider Provider { get; }
    Task<string> CreateAsync();
}

public sealed class SqliteDatabases : ITestDatabases
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xf-tests", Guid.NewGuid().ToString("N"));
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public Task<string> CreateAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult($"Data Source={Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db")}");
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A database per test on the PostgreSQL server named by XF_TEST_POSTGRES (the test script starts a throwaway
/// cluster and sets it). Without it the PostgreSQL tests fail with a message saying how to run them.
/// </summary>
public sealed class PostgreSqlDatabases : ITestDatabases
{
    private readonly List<string> _created = [];
    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("XF_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("XF_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

    public async Task<string> CreateAsync()
    {
        var name = "xf_" + Guid.NewGuid().ToString("N");
        await using (var conn = new NpgsqlConnection(ServerConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        _created.Add(name);
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        foreach (var name in _created)
        {
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
