using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings: WAL-friendly sync level, a busy timeout, and a page cache of up to 64 MB (the
/// default 2 MB makes every inbox query over a large database read its pages again; PERF-2).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private const string Sql = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA cache_size=-65536;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
