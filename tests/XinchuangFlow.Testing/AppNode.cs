using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
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

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Starts the app (<paramref name="dll"/>, else the build output of <paramref name="root"/>, else of this repository) in
    /// Production with <paramref name="settings"/> as environment variables; returns at once.
    /// </summary>
    public static AppNode Launch(string name, IDictionary<string, string> settings, string? dll = null, string? root = null)
    {
        root ??= RepositoryRoot();
        dll ??= BuiltApp(root);
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in settings) start.Environment[k] = v;
        return new AppNode(name, Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), url);
    }

    /// <summary>Starts the app and waits until <c>/health</c> answers 200 (at most <paramref name="within"/>, 120 s by default).</summary>
    public static async Task<AppNode> StartAsync(string name, IDictionary<string, string> settings, TimeSpan? within = null, string? dll = null, string? root = null)
    {
        var node = Launch(name, settings, dll, root);
        var limit = within ?? TimeSpan.FromSeconds(120);
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < limit)
        {
            if (node._process.HasExited) throw new InvalidOperationException($"Node {name} exited ({node._process.ExitCode}):\n{node.Log[^Math.Min(node.Log.Length, 4000)..]}");
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
        node.Dispose();
        throw new TimeoutException($"Node {name} was not healthy within {limit.TotalSeconds:0} s.");
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
