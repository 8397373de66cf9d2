using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Testing;

namespace XinchuangFlow.Benchmarks;

/// <summary>What wrk reported for one call: requests per second, latency percentiles, answers by kind.</summary>
public sealed record WrkResult(string Name, double RequestsPerSecond, double P50, double P99, long Requests, long Created, long Other, long Errors, double AppCpuMsPerRequest)
{
    public string Row(WrkResult? floor) =>
        $"| {Name} | {RequestsPerSecond:N0} | {P50:0.#} ms | {P99:0.#} ms | {(floor is null ? "" : $"{RequestsPerSecond / floor.RequestsPerSecond:0.000}×")} | {(double.IsNaN(AppCpuMsPerRequest) ? "shared" : $"{AppCpuMsPerRequest:0.0} ms")} | {Other + Errors:N0} |";
}

/// <summary>
/// The live-update model: 500 open inboxes of a realistic mix weighing the changes intake made. <c>ReloadsPerSecondAt50</c>:
/// reloads a second at 50 tickets a second, each inbox at most once per 150 ms as the page coalesces them.
/// </summary>
public sealed record LiveModel(int Inboxes, string Mix, int Tickets, int Batches, Percentiles Read, double CheckMicroseconds, double ConcernedPerTicket, double ConcernedPerBatch, int HotlineDesks,
    double ReloadsPerSecondAt50);

public sealed record ColdStart(string Variant, double ListeningAfter, double AllAnsweredAfter, int Answered, int Created, double Slowest);

public sealed record LoadResult(DatabaseProvider Provider, int Connections, int Seconds, int OpenTasksAtStart, IReadOnlyList<WrkResult> Calls, double EngineStartsPerSecond, int EngineStarts, double EngineCpuMsPerStart,
    long Acknowledged, long Stored, long Doubled, IReadOnlyList<ColdStart> Cold, LiveModel? Live);

/// <summary>
/// Issue 25 (PERF-1/2/3): the application under load, as a client meets it. The built app (src/XinchuangFlow.Web,
/// Release) runs as its own process on a fresh database with the demo data; Debian's wrk loads it over loopback
/// (50 connections, 2 threads): the framework's floor (GET /api/divisions: bearer sign-in, a cached list), /health,
/// the hotline desk's inbox (GET /api/inbox?View=All) and intake (POST /api/tickets, each request with its own
/// Idempotency-Key, eight different tickets in turn). Then, on the same database with the app stopped, the engine alone
/// starts the same shipped service-ticket flow with the same requests from 50 callers: the baseline of intake. Every
/// acknowledged ticket (201) is looked up by its key afterwards: stored = acknowledged, none twice. Last, the app is
/// started again on that database and 200 ticket creations are sent at once as soon as it listens (cold start).
/// </summary>
public static class LoadWorkloads
{
    public const string Desk = "dispatcher@xinchuang.local";
    public const string Password = "Demo#2026xf";

    /// <summary>The eight tickets sent in turn (a desk recording calls from Nanning's units).</summary>
    public static readonly (string Title, string Description, string Category, string Os, string Impact)[] Tickets =
    [
        ("终端无法开机", "按电源键无反应，指示灯不亮，明早有会议。", "terminal", "UOS 20", "single"),
        ("打印机无法打印", "统信系统添加打印机时提示找不到驱动，打印任务一直排队。", "peripheral", "UOS 20", "single"),
        ("办公系统登录缓慢", "打开电子公文系统需要两分钟，科室里多台电脑都一样。", "office", "麒麟 V10", "department"),
        ("服务器磁盘告警", "数据库服务器磁盘使用率超过百分之九十，备份任务失败。", "server", "麒麟 V10 服务器版", "unit"),
        ("网络时断时续", "三楼办公区网络每隔十几分钟断一次，重启交换机后恢复。", "network", "", "department"),
        ("WPS 文档打不开", "WPS 打开共享盘上的 docx 文件时崩溃，其他文件正常。", "office", "UOS 20", "single"),
        ("扫描仪连接失败", "高拍仪在麒麟系统上无法识别，换了 USB 口也不行。", "peripheral", "麒麟 V10", "single"),
        ("显示器黑屏", "主机运行正常但显示器无信号，换了线缆仍然黑屏。", "terminal", "UOS 20", "single"),
    ];

    public static async Task<LoadResult> RunAsync(DatabaseProvider provider, string cs, int connections, int seconds, int warmupSeconds, bool coldStart)
    {
        var folder = Path.Combine(Path.GetTempPath(), "xf-load-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var keyFile = Path.Combine(folder, "sm4.key");
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = provider.ToString(),
            ["ConnectionStrings__Default"] = cs,
            ["Security__KeyFile"] = keyFile,
            ["Knowledge__IndexPath"] = Path.Combine(folder, "kb"),
            ["Limits__LoginRequestsPerMinute"] = "10000",
            // The quarterly assessment would start itself a minute in; it is not part of what is measured.
            ["Assessment__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var run = Guid.NewGuid().ToString("N")[..6];
        var calls = new List<WrkResult>();
        int openTasks;
        long acknowledged = 0;
        await using (var app = await AppNode.StartAsync("app", settings, TimeSpan.FromMinutes(5), root: LoadRoot))
        {
            Console.Error.WriteLine($"{provider}: app healthy after {app.HealthyAfter.TotalSeconds:0} s (first start: migrations, demo data)");
            var token = await SignInAsync(app.Url);
            WriteScripts(folder, token);
            openTasks = await OpenTasksAsync(app.Url, token);
            // Warm-up (not measured): tiered JIT, pools, caches. Measured here: right after a start the JIT compiles a
            // thousand methods a second for half a minute, and intake runs at a third of its later rate. The reads are
            // warmed and measured first, on the demo data; intake's warm-up then adds thousands of open tickets, and
            // the inbox is measured again on them.
            await Wrk(app, folder, "warm-up", "get.lua", "/api/inbox?View=All", connections, Math.Max(5, warmupSeconds / 3), run);
            calls.Add(await Wrk(app, folder, "GET /api/divisions (the framework's floor)", "get.lua", "/api/divisions", connections, seconds, run));
            calls.Add(await Wrk(app, folder, "GET /health", "get.lua", "/health", connections, seconds, run));
            calls.Add(await Wrk(app, folder, $"GET /api/inbox?View=All (hotline desk, {openTasks:N0} open tasks)", "get.lua", "/api/inbox?View=All", connections, seconds, run));
            acknowledged += (await Wrk(app, folder, "warm-up", "post.lua", "/api/tickets", connections, warmupSeconds, $"{run}-w")).Created;
            var intake = await Wrk(app, folder, "POST /api/tickets (hotline intake)", "post.lua", "/api/tickets", connections, seconds, $"{run}-m");
            acknowledged += intake.Created;
            // The same intake for a platform that wants only the ticket back (RFC 7240 "Prefer: return=minimal"): no
            // suggestions are searched for its answer.
            var minimal = await Wrk(app, folder, "POST /api/tickets, Prefer: return=minimal (no suggestions)", "minimal.lua", "/api/tickets", connections, seconds, $"{run}-n");
            acknowledged += minimal.Created;
            var open = await OpenTasksAsync(app.Url, token);
            calls.Add(await Wrk(app, folder, $"GET /api/inbox?View=All (hotline desk, {open:N0} open tasks)", "get.lua", "/api/inbox?View=All", connections, seconds, run));
            // The desk reads its inbox while tickets keep arriving (each one concerns the desk, who sees every ticket): ten
            // clients each send one ticket every half second (about 20 a second) beside the readers. The app's CPU is
            // shared by the two, so it is not given per request.
            var reading = Wrk(app, folder, $"GET /api/inbox?View=All while ≈ 20 tickets a second arrive ({open:N0}+ open tasks)", "get.lua", "/api/inbox?View=All",
                Math.Max(1, connections - PacedClients), seconds, run);
            var arriving = Wrk(app, folder, $"POST /api/tickets beside it ({PacedClients} clients, one ticket every {PacedDelayMs} ms each)", "paced.lua", "/api/tickets",
                PacedClients, seconds, $"{run}-p");
            var mixed = await Task.WhenAll(reading, arriving);
            acknowledged += mixed[1].Created;
            calls.AddRange(mixed.Select(m => m with { AppCpuMsPerRequest = double.NaN }));
            calls.Add(minimal);
            calls.Add(intake);
        }
        var (stored, doubled) = await CountStoredAsync(provider, cs, run);

        var (engineRate, engineStarts, engineCpu, live) = await EngineBaselineAsync(provider, cs, keyFile, connections, seconds, run);

        var cold = new List<ColdStart>();
        if (coldStart)
        {
            // The build output (JIT only), and — when XF_LOAD_R2R names a `dotnet publish -p:PublishReadyToRun=true` of the
            // app — the precompiled app; each with the start's warm-up (the default) and without it. (Measured before and
            // dropped: 64 pool threads from the start, tiered PGO off — docs/performance.md, rounds 1 and 3.)
            var noWarmUp = new Dictionary<string, string> { ["Hosting__WarmUp"] = "false" };
            cold.Add(await ColdStartAsync("build output (JIT)", settings, null, []));
            cold.Add(await ColdStartAsync("build output (JIT), no warm-up", settings, null, noWarmUp));
            if (Environment.GetEnvironmentVariable("XF_LOAD_R2R") is { Length: > 0 } r2r)
            {
                cold.Add(await ColdStartAsync("ReadyToRun", settings, r2r, []));
                cold.Add(await ColdStartAsync("ReadyToRun, no warm-up", settings, r2r, noWarmUp));
            }
        }
        try { Directory.Delete(folder, true); } catch (IOException) { }
        return new LoadResult(provider, connections, seconds, openTasks, calls, engineRate, engineStarts, engineCpu, acknowledged, stored, doubled, cold, live);
    }

    private static async Task<string> SignInAsync(string url)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var answer = await http.PostAsJsonAsync("/api/auth/login", new { email = Desk, password = Password });
        answer.EnsureSuccessStatusCode();
        var body = await answer.Content.ReadFromJsonAsync<JsonObject>();
        return body!["accessToken"]!.GetValue<string>();
    }

    private static async Task<int> OpenTasksAsync(string url, string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var page = await http.GetFromJsonAsync<JsonObject>("/api/inbox?View=All");
        return page?["total"]?.GetValue<int>() ?? -1;
    }

    private static string Body(int i)
    {
        var t = Tickets[i % Tickets.Length];
        return JsonSerializer.Serialize(new
        {
            procurementUnit = "南宁市财政局", contactName = "陆工", contactPhone = "0771-5550101", cityCode = "4501", countyCode = "450103", address = "民族大道 100 号",
            productCategory = t.Category, productVendor = "统信", productModel = "UOS 20", os = t.Os, cpu = "飞腾 D2000", impact = t.Impact, title = t.Title, description = t.Description,
        });
    }

    private const int PacedClients = 10;
    private const int PacedDelayMs = 500;

    /// <summary>
    /// The wrk scripts: a bearer GET, a POST that sends the tickets in turn, each with its own key, counting the answers by
    /// status, and the same POST paced (each connection waits <see cref="PacedDelayMs"/> between its requests).
    /// </summary>
    private static void WriteScripts(string folder, string token)
    {
        File.WriteAllText(Path.Combine(folder, "get.lua"), $$"""
            wrk.headers["Authorization"] = "Bearer {{token}}"
            """);
        var bodies = string.Join(",\n", Enumerable.Range(0, Tickets.Length).Select(i => "  [[" + Body(i) + "]]"));
        File.WriteAllText(Path.Combine(folder, "post.lua"), $$"""
            local threads = {}
            local bodies = {
            {{bodies}}
            }
            function setup(thread)
              thread:set("tid", #threads + 1)
              table.insert(threads, thread)
            end
            function init(args)
              created = 0; duplicate = 0; other = 0; counter = 0
              wrk.method = "POST"
              wrk.headers["Content-Type"] = "application/json"
              wrk.headers["Authorization"] = "Bearer {{token}}"
            end
            function request()
              counter = counter + 1
              wrk.headers["Idempotency-Key"] = os.getenv("XF_RUN") .. "-" .. tid .. "-" .. counter
              return wrk.format(nil, nil, nil, bodies[(counter % #bodies) + 1])
            end
            function response(status, headers, body)
              if status == 201 then created = created + 1 elseif status == 200 then duplicate = duplicate + 1 else other = other + 1 end
            end
            function done(summary, latency, requests)
              local c, d, o = 0, 0, 0
              for _, t in ipairs(threads) do c = c + t:get("created"); d = d + t:get("duplicate"); o = o + t:get("other") end
              io.write(string.format("xf-created=%d xf-duplicate=%d xf-other=%d\n", c, d, o))
            end
            """);
        const string json = "wrk.headers[\"Content-Type\"] = \"application/json\"";
        var post = File.ReadAllText(Path.Combine(folder, "post.lua"));
        if (!post.Contains(json, StringComparison.Ordinal)) throw new InvalidOperationException("post.lua no longer sets its content type: minimal.lua would measure the full answer.");
        File.WriteAllText(Path.Combine(folder, "minimal.lua"), post.Replace(json, json + "\n  wrk.headers[\"Prefer\"] = \"return=minimal\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "paced.lua"), File.ReadAllText(Path.Combine(folder, "post.lua")) + $$"""

            function delay()
              return {{PacedDelayMs}}
            end
            """);
    }

    private static async Task<WrkResult> Wrk(AppNode app, string folder, string name, string script, string path, int connections, int seconds, string run)
    {
        var start = new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s", "-s", Path.Combine(folder, script), app.Url + path])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["XF_RUN"] = run;
        var cpuBefore = app.Cpu;
        Process wrk;
        try { wrk = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception missing) { throw new InvalidOperationException("wrk is not installed (Debian: apt-get install wrk).", missing); }
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var cpu = app.Cpu - cpuBefore;
        double Number(string pattern) => Regex.Match(output, pattern, RegexOptions.Multiline) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        double Latency(string pct)
        {
            var m = Regex.Match(output, $@"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success) return double.NaN;
            var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => v / 1000, "s" => v * 1000, _ => v };
        }
        var requests = (long)Number(@"^\s+(\d+) requests in");
        var errors = Regex.Match(output, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)") is { Success: true } e
            ? Enumerable.Range(1, 4).Sum(i => long.Parse(e.Groups[i].Value)) : 0;
        var non2xx = (long)Number(@"Non-2xx or 3xx responses: (\d+)");
        var created = (long)Number(@"xf-created=(\d+)");
        var duplicate = (long)Number(@"xf-duplicate=(\d+)");
        var other = script is "post.lua" or "paced.lua" or "minimal.lua" ? (long)Number(@"xf-other=(\d+)") + duplicate : non2xx;
        var result = new WrkResult(name, Number(@"^Requests/sec:\s+([\d.]+)"), Latency("50"), Latency("99"), requests, created, other, errors,
            requests == 0 ? 0 : cpu.TotalMilliseconds / requests);
        Console.Error.WriteLine($"  {name} {path}: {result.RequestsPerSecond:0} req/s, p50 {result.P50:0.#} ms, p99 {result.P99:0.#} ms, {result.AppCpuMsPerRequest:0.0} ms CPU each" +
                                (script is "post.lua" or "paced.lua" or "minimal.lua" ? $", {created} created, {duplicate} repeated, {other - duplicate} refused" : "") + (errors > 0 ? $", {errors} socket errors" : ""));
        return result;
    }

    /// <summary>Tickets stored under the run's keys, and how many keys were stored twice.</summary>
    private static async Task<(long Stored, long Doubled)> CountStoredAsync(DatabaseProvider provider, string cs, string run)
    {
        System.Data.Common.DbConnection conn = provider == DatabaseProvider.PostgreSql ? new NpgsqlConnection(cs) : new SqliteConnection(cs);
        await using (conn)
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = provider == DatabaseProvider.PostgreSql
                ? "SELECT COUNT(*), COUNT(DISTINCT \"RequestKey\") FROM xf_tickets WHERE \"RequestKey\" LIKE @p"
                : "SELECT COUNT(*), COUNT(DISTINCT RequestKey) FROM xf_tickets WHERE RequestKey LIKE @p";
            var p = cmd.CreateParameter();
            p.ParameterName = "@p";
            p.Value = run + "-%";
            cmd.Parameters.Add(p);
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            var rows = Convert.ToInt64(reader.GetValue(0));
            var keys = Convert.ToInt64(reader.GetValue(1));
            return (keys, rows - keys);
        }
    }

    /// <summary>
    /// The engine alone on the app's database (the app stopped): the shipped service-ticket flow started with what intake
    /// hands it — the same eight requests, numbered, as the desk — by <paramref name="clients"/> callers for
    /// <paramref name="seconds"/> seconds after a warm-up.
    /// </summary>
    private static async Task<(double Rate, int Starts, double CpuMsEach, LiveModel Live)> EngineBaselineAsync(DatabaseProvider provider, string cs, string keyFile, int clients, int seconds, string run)
    {
        var builder = XinchuangFlow.Infrastructure.Hosting.EngineHostBuilder.Create(provider, cs, TimeProvider.System,
            settings: new Dictionary<string, string?> { ["Security:KeyFile"] = keyFile, ["Knowledge:IndexPath"] = Path.Combine(Path.GetDirectoryName(keyFile)!, "kb-engine") }, logLevel: Microsoft.Extensions.Logging.LogLevel.Error);
        using var host = builder.Build();
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<WorkflowRuntime>();
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var prefix = "GX-4501-E" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var next = 0;
        Task Start()
        {
            var i = Interlocked.Increment(ref next);
            var request = JsonSerializer.Deserialize<NewTicket>(Body(i), json)!.ToRequest($"engine-{prefix}-{i}");
            request.Channel = "hotline";
            request.Clean();
            request.CreatedBy = Desk;
            request.Number = $"{prefix}-{i:000000}";
            var input = new JsonObject { ["request"] = JsonSerializer.SerializeToNode(request, json) };
            return runtime.StartAsync(new StartRequest(CaseFlows.ServiceTicket, input, CorrelationId: request.Number, User: Desk));
        }
        async Task<int> ForAsync(TimeSpan length)
        {
            var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
            var count = 0;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < until) { await Start(); Interlocked.Increment(ref count); }
            })));
            return count;
        }
        await ForAsync(TimeSpan.FromSeconds(Math.Max(10, seconds)));   // warm-up
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var starts = await ForAsync(TimeSpan.FromSeconds(seconds));
        var rate = starts / sw.Elapsed.TotalSeconds;
        var cpuEach = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / starts;
        Console.Error.WriteLine($"  engine alone: {starts} service-ticket flows started in {sw.Elapsed.TotalSeconds:0.0} s = {rate:0}/s, {cpuEach:0.0} ms CPU each");
        var live = await LiveModelAsync(host.Services, run);
        await host.StopAsync();
        return (rate, starts, cpuEach, live);
    }

    /// <summary>
    /// The live inboxes' cost, modelled on real changes: 500 open inboxes — 10 hotline desks, three coordinators per city,
    /// three dispatchers per integrator (at most 100), the rest technicians of the network — each with the watch the
    /// inbox page holds (<see cref="InboxWatch"/>), weigh the tickets intake created in this run, five at a time (50 a
    /// second in the feed's 100 ms window), each batch read once as the node's feed reads it (<see cref="ITaskChangeSource"/>).
    /// </summary>
    private static async Task<LiveModel> LiveModelAsync(IServiceProvider services, string run)
    {
        var access = services.GetRequiredService<XinchuangFlow.Application.Access.AccessService>();
        var inbox = services.GetRequiredService<InboxService>();
        var source = services.GetRequiredService<ITaskChangeSource>();
        var factory = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<XfDbContext>>();
        List<Guid> instances;
        List<XinchuangFlow.Domain.Network.Enterprise> integrators;
        List<XinchuangFlow.Domain.Network.Technician> technicians;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var prefix = run + "-m-";
            instances = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Tickets.Where(t => t.RequestKey != null && t.RequestKey.StartsWith(prefix)).OrderBy(t => t.CreatedAt).Select(t => t.InstanceId).Take(1000));
            integrators = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Enterprises.Where(e => e.Kind == XinchuangFlow.Domain.Network.EnterpriseKind.Integrator));
            technicians = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Technicians.OrderBy(t => t.UserName));
        }
        var actors = new List<XinchuangFlow.Application.Access.Actor>();
        for (var i = 0; i < 10; i++) actors.Add(XinchuangFlow.Application.Access.Actor.Of($"desk{i}@bench", [XinchuangFlow.Application.Access.Roles.Dispatcher]));
        foreach (var city in XinchuangFlow.Domain.Network.GuangxiDivisions.Shipped.Cities)
            for (var i = 0; i < 3; i++) actors.Add(XinchuangFlow.Application.Access.Actor.Of($"coord{i}.{city.Code}@bench", [XinchuangFlow.Application.Access.Roles.MunicipalCoordinator], cityCode: city.Code));
        foreach (var e in integrators.Take(33))
            for (var i = 0; i < 3; i++) actors.Add(XinchuangFlow.Application.Access.Actor.Of($"disp{i}.{e.Id:N}@bench", [XinchuangFlow.Application.Access.Roles.Dispatcher], enterpriseId: e.Id));
        var random = new Random(25);
        foreach (var t in technicians.OrderBy(_ => random.Next()).Take(500 - actors.Count))
            actors.Add(XinchuangFlow.Application.Access.Actor.Of(t.UserName, [XinchuangFlow.Application.Access.Roles.Technician], enterpriseId: t.EnterpriseId));
        var watches = actors.Select(inbox.Watch).ToList();
        var mix = $"{actors.Count(a => a.UserName!.StartsWith("desk"))} hotline desks, {actors.Count(a => a.UserName!.StartsWith("coord"))} coordinators, " +
                  $"{actors.Count(a => a.UserName!.StartsWith("disp"))} integrators' dispatchers, {actors.Count(a => a.Roles.Contains(XinchuangFlow.Application.Access.Roles.Technician))} technicians";
        var batches = instances.Chunk(5).ToList();
        if (batches.Count == 0) throw new InvalidOperationException("No ticket of this run's measurement was found for the live-update model.");
        var next = 0;
        var read = await Percentiles.MeasureAsync(() => source.TasksOfAsync(batches[next++ % batches.Count]), batches.Count);
        var concerned = 0L;
        var perTicket = 0L;
        var checkTicks = 0L;
        var none = new HashSet<Guid>();
        var perWatch = new int[watches.Count];
        foreach (var batch in batches)
        {
            var tasks = await source.TasksOfAsync(batch);
            var change = new TaskChangeBatch(batch, tasks);
            var started = Stopwatch.GetTimestamp();
            concerned += watches.Count(w => w.Concerns(change, none));
            checkTicks += Stopwatch.GetTimestamp() - started;
            foreach (var id in batch)
            {
                var one = new TaskChangeBatch([id], tasks.Where(t => t.InstanceId == id).ToList());
                for (var w = 0; w < watches.Count; w++)
                    if (watches[w].Concerns(one, none)) { perTicket++; perWatch[w]++; }
            }
        }
        // An inbox concerned by a share of the tickets reloads 50 × share times a second, at most once per 150 ms.
        var reloads = perWatch.Sum(n => Math.Min(50.0 * n / instances.Count, 1000 / 150.0));
        var model = new LiveModel(watches.Count, mix, instances.Count, batches.Count, read, checkTicks * 1e6 / Stopwatch.Frequency / batches.Count / watches.Count,
            (double)perTicket / instances.Count, (double)concerned / batches.Count, actors.Count(a => a.UserName!.StartsWith("desk")), reloads);
        Console.Error.WriteLine($"  live model: {model.Inboxes} inboxes ({mix}); {model.Tickets} tickets in {model.Batches} batches; read p50 {read.P50:0.0} ms; " +
                                $"{model.CheckMicroseconds:0.00} µs per inbox and batch; {model.ConcernedPerTicket:0.0} inboxes concerned per ticket, {model.ConcernedPerBatch:0.0} per batch");
        return model;
    }

    /// <summary>
    /// The app started again on the now-filled database; as soon as its port takes connections, 200 ticket creations at
    /// once. Times are from the process start.
    /// </summary>
    private static async Task<ColdStart> ColdStartAsync(string variant, Dictionary<string, string> settings, string? dll, Dictionary<string, string> runtime)
    {
        var token = "";
        await using (var first = await AppNode.StartAsync("app", settings, TimeSpan.FromMinutes(2), root: LoadRoot)) token = await SignInAsync(first.Url);
        var with = new Dictionary<string, string>(settings);
        foreach (var (k, v) in runtime) with[k] = v;
        await using var app = AppNode.Launch("cold start", with, dll, LoadRoot);
        var launched = Stopwatch.StartNew();
        var port = new Uri(app.Url).Port;
        while (true)
        {
            if (launched.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("The app did not listen within 60 s.");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) { await Task.Delay(10); }
        }
        var listening = launched.Elapsed.TotalSeconds;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 200 }) { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var key = "cold-" + Guid.NewGuid().ToString("N")[..6];
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var content = new StringContent(Body(i), Encoding.UTF8, "application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = content };
            request.Headers.Add("Idempotency-Key", $"{key}-{i}");
            try
            {
                using var answer = await http.SendAsync(request);
                return (answer.StatusCode, launched.Elapsed.TotalSeconds);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return ((HttpStatusCode)0, launched.Elapsed.TotalSeconds);
            }
        }));
        var cold = new ColdStart(variant, listening, answers.Max(a => a.Item2), answers.Count(a => a.Item1 != 0), answers.Count(a => a.Item1 == HttpStatusCode.Created), answers.Max(a => a.Item2) - listening);
        Console.Error.WriteLine($"  cold start, {variant}: listening after {cold.ListeningAfter:0.00} s, 200 creations answered after {cold.AllAnsweredAfter:0.00} s ({cold.Created} created)");
        return cold;
    }

    /// <summary>XF_LOAD_ROOT: another checkout whose Release build is started instead (an earlier commit, for a before/after in one sitting).</summary>
    private static string? LoadRoot => Environment.GetEnvironmentVariable("XF_LOAD_ROOT") is { Length: > 0 } other ? other : null;
}
