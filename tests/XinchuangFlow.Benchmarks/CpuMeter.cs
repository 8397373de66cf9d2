using System.Diagnostics;
using Npgsql;

namespace XinchuangFlow.Benchmarks;

/// <summary>
/// CPU time spent between two readings by this process and, when the database is a local PostgreSQL server, by that
/// server (its postmaster, every live child process and the children it has already reaped), read from <c>/proc</c>.
/// On a machine shared with other work, wall-clock rates move with the neighbours' load; the CPU a workload spends does
/// not, so it is reported beside them.
/// </summary>
public sealed class CpuMeter
{
    private readonly int? postmaster;
    private TimeSpan app, server;

    private CpuMeter(int? postmaster) => this.postmaster = postmaster;

    /// <summary>A meter for this process and the PostgreSQL server behind <paramref name="connectionString"/> (null: this process only).</summary>
    public static async Task<CpuMeter> StartAsync(string? connectionString)
    {
        int? postmaster = null;
        if (connectionString is not null && OperatingSystem.IsLinux())
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", conn);
            var backend = (int)(await cmd.ExecuteScalarAsync())!;
            postmaster = ParentOf(backend);
        }
        var meter = new CpuMeter(postmaster);
        meter.Restart();
        return meter;
    }

    public void Restart() => (app, server) = (Process.GetCurrentProcess().TotalProcessorTime, ServerTime());

    /// <summary>CPU spent since the last <see cref="Restart"/>: this process, the database server.</summary>
    public (TimeSpan App, TimeSpan Server) Read() => (Process.GetCurrentProcess().TotalProcessorTime - app, ServerTime() - server);

    private TimeSpan ServerTime()
    {
        if (postmaster is not { } pm) return TimeSpan.Zero;
        var ticks = Ticks(pm, withReaped: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != pm && ParentOf(pid) == pm) ticks += Ticks(pid, withReaped: false);
        return TimeSpan.FromSeconds(ticks / 100.0);   // USER_HZ
    }

    /// <summary>utime + stime (and cutime + cstime) from /proc/pid/stat; 0 when the process is gone.</summary>
    private static long Ticks(int pid, bool withReaped)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');   // f[0] is field 3 (state)
            var t = long.Parse(f[11]) + long.Parse(f[12]);
            return withReaped ? t + long.Parse(f[13]) + long.Parse(f[14]) : t;
        }
        catch (IOException) { return 0; }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException) { return null; }
    }
}
