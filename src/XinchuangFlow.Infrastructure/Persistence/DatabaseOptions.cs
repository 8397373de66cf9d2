using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Which database to use (section <c>Database</c>; the connection string is <c>ConnectionStrings:Default</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Writers that group concurrent burst commits into shared transactions (0 = no grouping; empty = 1 on
    /// SQLite, which has one writer at a time anyway, and 4 on a database server, which commits in parallel).
    /// </summary>
    [Range(0, 64)] public int? GroupCommitWriters { get; set; }

    /// <summary>The writer count in effect.</summary>
    public int EffectiveGroupCommitWriters => GroupCommitWriters ?? (Provider == DatabaseProvider.Sqlite ? 1 : 4);

    /// <summary>Filled from <c>ConnectionStrings:Default</c>.</summary>
    [Required] public string ConnectionString { get; set; } = "";

    /// <summary>Configures a DbContext for the chosen provider, with the provider's migrations assembly.</summary>
    public static void Configure(DbContextOptionsBuilder b, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                b.UseSqlite(connectionString, o => o.MigrationsAssembly("XinchuangFlow.Migrations.Sqlite"));
                b.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                b.UseNpgsql(connectionString, o => o.MigrationsAssembly("XinchuangFlow.Migrations.PostgreSql"));
                break;
            case DatabaseProvider.SqlServer:
                b.UseSqlServer(connectionString, o => o.MigrationsAssembly("XinchuangFlow.Migrations.SqlServer"));
                break;
        }
    }
}
