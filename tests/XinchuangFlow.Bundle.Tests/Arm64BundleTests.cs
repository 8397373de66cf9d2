using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace XinchuangFlow.Bundle.Tests;

/// <summary>
/// The domestic platform (issue 12): the offline bundle for linux-arm64 (Kunpeng, Phytium) is built by
/// <c>scripts/bundle.sh</c>, unpacked, and its self-contained app is run under Debian's qemu-user-static on an
/// embedded SQLite database — it must serve /health, sign a user in and take a ticket, with nothing but the bundle.
/// </summary>
public sealed class Arm64BundleTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xf-bundle-" + Guid.NewGuid().ToString("N"));
    private Process? _app;

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "XinchuangFlow.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("XinchuangFlow.sln not found");
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, string workingDirectory, int timeoutSeconds)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    [Fact]
    public async Task TheArm64Bundle_RunsUnderQemu_ServesHealth_SignsIn_AndTakesATicket()
    {
        Directory.CreateDirectory(_folder);
        var clock = Stopwatch.StartNew();
        var (code, log) = await RunAsync("bash", ["scripts/bundle.sh", "linux-arm64", _folder], Root(), 1200);
        Assert.True(code == 0, log[^Math.Min(log.Length, 3000)..]);
        var tarball = Path.Combine(_folder, "xinchuangflow-linux-arm64.tar.gz");
        Assert.True(File.Exists(tarball));
        output.WriteLine($"bundle built in {clock.Elapsed.TotalSeconds:0} s, {new FileInfo(tarball).Length / 1024 / 1024} MB");

        // Unpacked where nothing else is: the bundle carries all it needs.
        var unpacked = Path.Combine(_folder, "unpacked");
        Directory.CreateDirectory(unpacked);
        Assert.Equal(0, (await RunAsync("tar", ["-xzf", tarball, "-C", unpacked], _folder, 120)).Code);
        var stage = Path.Combine(unpacked, "xinchuangflow-linux-arm64");
        foreach (var f in new[] { "install.sh", "xinchuangflow.service", "nginx.conf", "xinchuangflow.env.example", "OPERATIONS.md", "app/XinchuangFlow.Web", "app/workflows/service-ticket.json" })
            Assert.True(File.Exists(Path.Combine(stage, f)), $"{f} is missing from the bundle");
        var exe = Path.Combine(stage, "app", "XinchuangFlow.Web");
        var header = new byte[20];
        await using (var s = File.OpenRead(exe)) _ = await s.ReadAsync(header);
        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], header[..4]);
        Assert.Equal(0xB7, BitConverter.ToUInt16(header, 18));                 // e_machine = AArch64

        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("qemu-aarch64-static", [exe]) { WorkingDirectory = Path.Combine(stage, "app"), RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";               // .NET's W^X mapping does not run under qemu-user
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["Seed__DemoTickets"] = "0";
        start.Environment["Security__KeyFile"] = Path.Combine(_folder, "sm4.key");
        start.Environment["Notifications__PollSeconds"] = "0";
        _app = Process.Start(start)!;
        var appLog = new StringBuilder();
        _app.OutputDataReceived += (_, e) => { lock (appLog) appLog.AppendLine(e.Data); };
        _app.ErrorDataReceived += (_, e) => { lock (appLog) appLog.AppendLine(e.Data); };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(120) };
        clock.Restart();
        var healthy = false;
        while (!healthy && clock.Elapsed < TimeSpan.FromMinutes(8) && !_app.HasExited)
        {
            try { healthy = (await http.GetStringAsync("/health")) == "Healthy"; }
            catch (HttpRequestException) { await Task.Delay(2000); }
            catch (TaskCanceledException) { }
        }
        string Tail() { lock (appLog) return appLog.ToString()[^Math.Min(appLog.Length, 3000)..]; }
        Assert.True(healthy, "not healthy under qemu:\n" + Tail());
        output.WriteLine($"healthy under qemu after {clock.Elapsed.TotalSeconds:0} s");

        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = "unit@xinchuang.local", password = "Demo#2026xf" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        var created = await http.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103", ["productCategory"] = "terminal",
            ["impact"] = "single", ["title"] = "ARM64：终端无法开机", ["description"] = "按电源键无反应。",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ticket = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("dispatched", ticket["status"]!.GetValue<string>());      // graded and dispatched by the same flow, on ARM64
        Assert.Contains("ARM64", await http.GetStringAsync($"/api/tickets/{ticket["number"]}"));
    }

    public void Dispose()
    {
        if (_app is { HasExited: false }) { _app.Kill(entireProcessTree: true); _app.WaitForExit(10_000); }
        try { Directory.Delete(_folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
