using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace XinchuangFlow.Testing;

/// <summary>
/// One app process (the built XinchuangFlow.Web) on a loopback port, as a node of a deployment runs it: the failover and
/// crash tests' nodes, the load benchmark's app. Its output is kept (the last 2 MB) for the failure message.
/// </summary>
public sealed class AppNode : IDisposable, IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    public string Url { get; }
    public string Name { get; }
    /// <summary>From the launch to the first healthy answer (set by <see cref="StartAsync"/>).</summary>
    public TimeSpan HealthyAfter { get; private set; }
    /// <summary>The CPU time the process has used so far.</summary>
    public TimeSpan Cpu { get { _process.Refresh(); return _process.TotalProcessorTime; } }

    private AppNode(string name, Process process, string url)
    {
        (Name, _process, Url) = (name, process, url);
        _process.OutputDataReceived += (_, e) => { lock (_log) if (_log.Length < 2_000_000 && e.Data is not null) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) if (_log.Length < 2_000_000 && e.Data is not null) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>The repository root (where the solution is), found from the caller's own folder.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "XinchuangFlow.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (XinchuangFlow.sln) was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The app's build output under <paramref name="root"/> in the caller's own configuration (Debug for tests, Release for benchmarks).</summary>
    public static string BuiltApp(string root)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(root, "src", "XinchuangFlow.Web", "bin", configuration, "net10.0", "XinchuangFlow.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built (./test.sh builds the solution first; dotnet build -c {configuration} src/XinchuangFlow.Web).");
    }

    /// <summary>
    /// Starts the app (<paramref name="dll"/>, else the build output of <paramref name="root"/>, else of this repository) in
    /// Production with <paramref name="settings"/> as environment variables; returns at once.
    /// </summary>
    public static AppNode Launch(string name, IDictionary<string, string> settings, string? dll = null, string? root = null)
    {
        root ??= RepositoryRoot();
        return Launch(name, new ProcessStartInfo("dotnet", [dll ?? BuiltApp(root)]) { WorkingDirectory = root }, settings);
    }

    /// <summary>Starts the app as <paramref name="start"/> says (a published bundle's executable, under an emulator …) on a free loopback port.</summary>
    public static AppNode Launch(string name, ProcessStartInfo start, IDictionary<string, string> settings)
    {
        var url = $"http://127.0.0.1:{Loopback.FreePort()}";
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in settings) start.Environment[k] = v;
        return new AppNode(name, Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start."), url);
    }

    /// <summary>Starts the app and waits until <c>/health</c> answers 200 (at most <paramref name="within"/>, 120 s by default).</summary>
    public static Task<AppNode> StartAsync(string name, IDictionary<string, string> settings, TimeSpan? within = null, string? dll = null, string? root = null) =>
        WaitHealthyAsync(Launch(name, settings, dll, root), within);

    /// <summary>Starts the app as <paramref name="start"/> says and waits until <c>/health</c> answers 200.</summary>
    public static Task<AppNode> StartAsync(string name, ProcessStartInfo start, IDictionary<string, string> settings, TimeSpan? within = null) =>
        WaitHealthyAsync(Launch(name, start, settings), within);

    private static async Task<AppNode> WaitHealthyAsync(AppNode node, TimeSpan? within)
    {
        var limit = within ?? TimeSpan.FromSeconds(120);
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < limit)
        {
            if (node._process.HasExited) throw new InvalidOperationException($"Node {node.Name} exited ({node._process.ExitCode}):\n{node.Tail()}");
            try
            {
                if ((await http.GetAsync(node.Url + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    node.HealthyAfter = clock.Elapsed;
                    return node;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        var tail = node.Tail();
        node.Dispose();
        throw new TimeoutException($"Node {node.Name} was not healthy within {limit.TotalSeconds:0} s:\n{tail}");
    }

    /// <summary>The last 4,000 characters of the app's output.</summary>
    public string Tail()
    {
        var log = Log;
        return log[^Math.Min(log.Length, 4000)..];
    }

    /// <summary>SIGKILL: the process ends at once, nothing is flushed or handed over.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public HttpClient Client(AuthenticationHeaderValue? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = token;
        return client;
    }

    public void Dispose()
    {
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); }
        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
