using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using XinchuangFlow.Testing;

namespace XinchuangFlow.Bundle.Tests;

/// <summary>
/// The domestic platform (issue 12): an offline bundle is built by <c>scripts/bundle.sh</c>, unpacked where nothing else
/// is, and its app is started on an embedded SQLite database — it must serve /health, sign a user in and take a ticket
/// (graded and dispatched by the shipped flow), with nothing but the bundle.
/// </summary>
public abstract class BundleTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xf-bundle-" + Guid.NewGuid().ToString("N"));
    private AppNode? _app;

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

    /// <summary>Builds the bundle, checks its contents and that the app is an ELF for <paramref name="machine"/>; returns the unpacked folder.</summary>
    protected async Task<string> BuildAndUnpackAsync(string rid, bool frameworkDependent, ushort machine)
    {
        Directory.CreateDirectory(_folder);
        var clock = Stopwatch.StartNew();
        var (code, log) = await RunAsync("bash", frameworkDependent ? ["scripts/bundle.sh", rid, _folder, "--framework-dependent"] : ["scripts/bundle.sh", rid, _folder], AppNode.RepositoryRoot(), 1200);
        Assert.True(code == 0, log[^Math.Min(log.Length, 3000)..]);
        var name = "xinchuangflow-" + rid + (frameworkDependent ? "-fdd" : "");
        var tarball = Path.Combine(_folder, name + ".tar.gz");
        Assert.True(File.Exists(tarball));
        output.WriteLine($"{name} built in {clock.Elapsed.TotalSeconds:0} s, {new FileInfo(tarball).Length / 1024 / 1024} MB");

        var unpacked = Path.Combine(_folder, "unpacked");
        Directory.CreateDirectory(unpacked);
        Assert.Equal(0, (await RunAsync("tar", ["-xzf", tarball, "-C", unpacked], _folder, 120)).Code);
        var stage = Path.Combine(unpacked, name);
        foreach (var f in new[] { "install.sh", "xinchuangflow.service", "nginx.conf", "xinchuangflow.env.example", "OPERATIONS.md", "app/XinchuangFlow.Web", "app/workflows/service-ticket.json" })
            Assert.True(File.Exists(Path.Combine(stage, f)), $"{f} is missing from the bundle");
        // Self-contained carries the runtime; framework-dependent does not (and is the smaller download).
        Assert.Equal(!frameworkDependent, File.Exists(Path.Combine(stage, "app", "libcoreclr.so")));
        var header = new byte[20];
        await using (var s = File.OpenRead(Path.Combine(stage, "app", "XinchuangFlow.Web"))) _ = await s.ReadAsync(header);
        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], header[..4]);
        Assert.Equal(machine, BitConverter.ToUInt16(header, 18));             // e_machine
        return stage;
    }

    /// <summary>Starts the app, waits for /health, signs in and files a ticket that the shipped flow grades and dispatches.</summary>
    protected async Task RunAndUseAsync(ProcessStartInfo start, string label, TimeSpan healthWithin)
    {
        _app = await AppNode.StartAsync(label, start, new Dictionary<string, string>
        {
            ["Seed__DemoTickets"] = "0", ["Security__KeyFile"] = Path.Combine(_folder, "sm4.key"), ["Notifications__PollSeconds"] = "0",
        }, healthWithin);
        output.WriteLine($"healthy ({label}) after {_app.HealthyAfter.TotalSeconds:0} s");
        using var http = new HttpClient { BaseAddress = new Uri(_app.Url), Timeout = TimeSpan.FromSeconds(120) };
        Assert.True(await http.GetStringAsync("/health") == "Healthy", $"not healthy ({label}):\n" + _app.Tail());

        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = "unit@xinchuang.local", password = "Demo#2026xf" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        var title = $"{label}：终端无法开机";
        var created = await http.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103", ["productCategory"] = "terminal",
            ["impact"] = "single", ["title"] = title, ["description"] = "按电源键无反应。",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ticket = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("dispatched", ticket["status"]!.GetValue<string>());      // graded and dispatched by the same flow
        Assert.Contains(title, await http.GetStringAsync($"/api/tickets/{ticket["number"]}"));
    }

    public void Dispose()
    {
        _app?.Dispose();
        try { Directory.Delete(_folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>linux-arm64 (Kunpeng, Phytium), self-contained, run under Debian's qemu-user-static with the arm64 C/C++ runtime.</summary>
[Collection("bundles")]
public sealed class Arm64BundleTests(ITestOutputHelper output) : BundleTests(output)
{
    [Fact]
    public async Task TheArm64Bundle_RunsUnderQemu_ServesHealth_SignsIn_AndTakesATicket()
    {
        var stage = await BuildAndUnpackAsync("linux-arm64", frameworkDependent: false, machine: 0xB7);   // AArch64
        var start = new ProcessStartInfo("qemu-aarch64-static", [Path.Combine(stage, "app", "XinchuangFlow.Web")]) { WorkingDirectory = Path.Combine(stage, "app") };
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";               // .NET's W^X mapping does not run under qemu-user
        await RunAndUseAsync(start, "ARM64 under qemu", TimeSpan.FromMinutes(8));
    }
}

/// <summary>linux-x64, framework-dependent (for servers with the ASP.NET Core 10 runtime), run natively.</summary>
[Collection("bundles")]
public sealed class X64FrameworkDependentBundleTests(ITestOutputHelper output) : BundleTests(output)
{
    [Fact]
    public async Task TheX64FrameworkDependentBundle_RunsOnTheInstalledRuntime_ServesHealth_SignsIn_AndTakesATicket()
    {
        var stage = await BuildAndUnpackAsync("linux-x64", frameworkDependent: true, machine: 0x3E);     // x86-64
        var start = new ProcessStartInfo(Path.Combine(stage, "app", "XinchuangFlow.Web")) { WorkingDirectory = Path.Combine(stage, "app") };
        await RunAndUseAsync(start, "x64 framework-dependent", TimeSpan.FromMinutes(2));
    }
}
