using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace XinchuangFlow.Benchmarks;

internal static class Databases
{
    public static Task<string> NewSqliteAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "xf-bench");
        Directory.CreateDirectory(dir);
        return Task.FromResult($"Data Source={Path.Combine(dir, Guid.NewGuid().ToString("N") + ".db")}");
    }

    public static async Task<string> NewPostgresAsync(string server)
    {
        var name = "xfbench_" + Guid.NewGuid().ToString("N");
        await using var conn = new NpgsqlConnection(server);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }
}

/// <summary>Counts commits: committed transactions (explicit and SaveChanges' own) and statements run outside one.</summary>
public sealed class CommitCounter : DbCommandInterceptor, IDbTransactionInterceptor
{
    public int Commits;

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Commits);
        return Task.CompletedTask;
    }

    public override ValueTask<int> NonQueryExecutedAsync(System.Data.Common.DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null) Interlocked.Increment(ref Commits);
        return ValueTask.FromResult(result);
    }


}
