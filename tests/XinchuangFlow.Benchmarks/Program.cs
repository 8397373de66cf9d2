using System.Diagnostics;
using System.Text;
using XinchuangFlow.Benchmarks;
using XinchuangFlow.Infrastructure.Persistence;

// PERF-1: engine throughput on SQLite and PostgreSQL beside (a) a raw EF Core baseline doing the minimal writes of
// the same work on the same database and settings and (b) WorkflowCore 3.22 in memory. Not part of the test run.
// Usage: dotnet run -c Release --project tests/XinchuangFlow.Benchmarks -- [--n 10000] [--timers 10000] [--sqlite-only|--postgres-only] [--timers-only]
// Dashboards (issue 24, PERF-2): -- --dashboard 1000000 [--sqlite-only|--postgres-only]
// The application under load (issue 25): -- --load [--connections 50] [--load-seconds 15] [--load-warmup 60] [--no-cold-start] [--sqlite-only|--postgres-only]
//   (needs wrk; the app built with -c Release; XF_LOAD_R2R=<published XinchuangFlow.Web.dll> adds the ReadyToRun cold starts; XF_LOAD_ROOT=<other checkout> runs that build)
// Reported service data (issue 23): -- --exchange 1000000 [--exchange-clients 4] [--sqlite-only|--postgres-only]
// Knowledge search at scale (issue 22): -- --kb-scale [--kb-size 100000] [--kb-rounds 5] [--sqlite-only|--postgres-only]
// Knowledge search analyzers (issue 22): -- --kb-analyzers [--kb-size 20000] [--kb-rounds 5] [--kb-only jieba|smartcn]; one query: -- --kb-search "UOS 20 1060 黑屏"
// (Engine__TimerDrainers=N runs N drain pipelines side by side in W4.)
if (args.Contains("--load"))
{
    // Issue 25 (PERF-1/2/3): the built app under wrk, beside the framework's floor and the engine alone, in one run.
    var targets = new List<(DatabaseProvider, Func<Task<string>>)> { (DatabaseProvider.Sqlite, Databases.NewSqliteAsync) };
    if (Environment.GetEnvironmentVariable("XF_TEST_POSTGRES") is { Length: > 0 } server) targets.Add((DatabaseProvider.PostgreSql, () => Databases.NewPostgresAsync(server)));
    else Console.Error.WriteLine("(PostgreSQL skipped: XF_TEST_POSTGRES not set — run through scripts/with-postgres.sh)");
    if (args.Contains("--sqlite-only")) targets.RemoveAll(t => t.Item1 != DatabaseProvider.Sqlite);
    if (args.Contains("--postgres-only")) targets.RemoveAll(t => t.Item1 != DatabaseProvider.PostgreSql);
    var connections = Arg("--connections", 50);
    var seconds = Arg("--load-seconds", 15);
    foreach (var (provider, newDb) in targets)
    {
        var r = await LoadWorkloads.RunAsync(provider, await newDb(), connections, seconds, Arg("--load-warmup", 60), !args.Contains("--no-cold-start"));
        Console.WriteLine($"### {provider}: wrk, {r.Connections} connections, 2 threads, {r.Seconds} s a call, after a warm-up; the hotline desk sees {r.OpenTasksAtStart:N0} open tasks at the start");
        Console.WriteLine();
        Console.WriteLine("| call | requests/s | p50 | p99 | vs the floor | app CPU per request | refused or failed |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var floor = r.Calls[0];
        foreach (var c in r.Calls) Console.WriteLine(c.Row(c == floor ? null : floor));
        var intake = r.Calls[^1];
        Console.WriteLine();
        Console.WriteLine($"Engine alone, the shipped service-ticket flow started {r.EngineStarts:N0} times by {r.Connections} callers: {r.EngineStartsPerSecond:N0}/s, {r.EngineCpuMsPerStart:0.0} ms CPU each; " +
                          $"intake through HTTP {intake.RequestsPerSecond:N0}/s = **{intake.RequestsPerSecond / r.EngineStartsPerSecond:0.00}×** the engine (goal ≥ 0.3×), " +
                          $"{intake.AppCpuMsPerRequest:0.0} ms CPU each = {r.EngineCpuMsPerStart / intake.AppCpuMsPerRequest:0.00}× the engine's CPU per start.");
        if (r.Calls.FirstOrDefault(c => c.Name.Contains("return=minimal", StringComparison.Ordinal)) is { } minimal)
            Console.WriteLine($"Intake answering only the ticket (Prefer: return=minimal): {minimal.RequestsPerSecond:N0}/s = **{minimal.RequestsPerSecond / r.EngineStartsPerSecond:0.00}×** the engine, " +
                              $"{minimal.AppCpuMsPerRequest:0.0} ms CPU each.");
        Console.WriteLine($"Acknowledged (201) {r.Acknowledged:N0}, stored under those keys {r.Stored:N0}, stored twice {r.Doubled:N0}" +
                          (r.Stored >= r.Acknowledged && r.Doubled == 0 ? " — nothing lost or doubled." : " — MISMATCH."));
        if (r.Live is { } live)
        {
            // Today every open inbox reloads on every change, at most once per 150 ms; with the feed only those concerned.
            var inboxCall = r.Calls.First(c => c.Name.StartsWith("GET /api/inbox"));
            var before = live.Inboxes * Math.Min(50.0, 1000 / 150.0);
            var after = live.ReloadsPerSecondAt50;
            Console.WriteLine();
            Console.WriteLine($"Live updates, modelled on this run's tickets: {live.Inboxes} open inboxes ({live.Mix}); {live.Tickets:N0} new tickets in {live.Batches} batches of 5 " +
                              $"(50 a second in the feed's 100 ms window): one read per batch, p50 {live.Read.P50:0.0} ms / p95 {live.Read.P95:0.0} ms; each inbox weighs a batch in {live.CheckMicroseconds:0.00} µs; " +
                              $"a ticket concerns {live.ConcernedPerTicket:0.0} of the {live.Inboxes} inboxes ({live.HotlineDesks} of them the hotline desks, who see every ticket). " +
                              $"At 50 tickets a second, each inbox reloading at most once per 150 ms: {before:N0} reloads/s before (every inbox) → {after:N0}/s now (those concerned); at {inboxCall.AppCpuMsPerRequest:0.0} ms CPU for a page alone " +
                              $"≈ {before * inboxCall.AppCpuMsPerRequest / 1000:0.0} → {(after * inboxCall.AppCpuMsPerRequest + 10 * live.Read.P50) / 1000:0.00} CPU-seconds a second (the node has 2).");
        }
        if (r.Cold.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| cold start: the app started again on this database, 200 ticket creations at once as soon as it listens | listening after launch | last answer after launch | after listening | created |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var c in r.Cold) Console.WriteLine($"| {c.Variant} | {c.ListeningAfter:0.00} s | {c.AllAnsweredAfter:0.00} s | {c.Slowest:0.00} s | {c.Created} of 200 |");
        }
        Console.WriteLine();
    }
    return;
}
if (Array.IndexOf(args, "--kb-search") is var ks and >= 0 && ks + 1 < args.Length)
{
    // Look at what one query finds in the published demo articles, fragments included.
    foreach (var line in KnowledgeWorkloads.Show(args[ks + 1])) Console.WriteLine(line);
    return;
}
if (args.Contains("--kb-scale"))
{
    // Issue 22 (KB-2): N published articles on SQLite and PostgreSQL — index rebuild from the database, search, suggestions.
    var size = Arg("--kb-size", 100_000);
    var rounds = Arg("--kb-rounds", 5);
    var targets = new List<(DatabaseProvider, Func<Task<string>>)> { (DatabaseProvider.Sqlite, Databases.NewSqliteAsync) };
    if (Environment.GetEnvironmentVariable("XF_TEST_POSTGRES") is { Length: > 0 } server) targets.Add((DatabaseProvider.PostgreSql, () => Databases.NewPostgresAsync(server)));
    else Console.Error.WriteLine("(PostgreSQL skipped: XF_TEST_POSTGRES not set — run through scripts/with-postgres.sh)");
    if (args.Contains("--sqlite-only")) targets.RemoveAll(t => t.Item1 != DatabaseProvider.Sqlite);
    if (args.Contains("--postgres-only")) targets.RemoveAll(t => t.Item1 != DatabaseProvider.PostgreSql);
    var results = new List<KnowledgeScaleResult>();
    foreach (var (provider, newDb) in targets) results.Add(await KnowledgeScale.RunAsync(provider, await newDb(), size, rounds));
    Console.WriteLine($"{size:N0} published articles; search: the {KnowledgeWorkloads.LoadQueries().Count} queries of knowledge-queries.json × {rounds} rounds, top 10; " +
                      $"suggestion: {KnowledgeScale.Tickets.Length} ticket texts (title + OS + description, {results.FirstOrDefault()?.MeanSuggestionLength ?? 0:0} characters on average) × {rounds * 3} rounds, top 5; " +
                      "both through KnowledgeService.SearchAsync with highlighting");
    Console.WriteLine();
    Console.WriteLine("| database | articles | written in | index rebuild (empty folder) | index size, segments | search p50 | search p95 (goal ≤ 50 ms) | suggestion p50 | suggestion p95 (goal ≤ 100 ms) |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in results)
    {
        Console.WriteLine($"| {r.Provider} | {r.Documents:N0} | {r.Fill.TotalSeconds:0} s | {r.Rebuild.TotalSeconds:0} s ({r.Articles / r.Rebuild.TotalSeconds:0}/s) | {r.IndexBytes / 1048576.0:0} MiB, {r.SegmentsAfterRebuild} | " +
                          $"{r.Search.P50:0.0} ms | {r.Search.P95:0.0} ms | {r.Suggestion.P50:0.0} ms | {r.Suggestion.P95:0.0} ms |");
        Console.WriteLine($"| {r.Provider}, then {r.Added:N0} more published 10 at a time | {r.Documents + r.Added:N0} | | | {r.SegmentsAfter} segments | " +
                          $"{r.SearchAfter.P50:0.0} ms | {r.SearchAfter.P95:0.0} ms | {r.SuggestionAfter.P50:0.0} ms | {r.SuggestionAfter.P95:0.0} ms |");
    }
    var (suggested, first, missed) = KnowledgeScale.SuggestionQuality();
    Console.WriteLine();
    Console.WriteLine($"Suggestion quality on the 48 published demo articles alone: the article each ticket text was written for is first for {first} " +
                      $"and in the top 5 for {suggested} of {KnowledgeScale.Tickets.Length}.");
    foreach (var miss in missed) Console.WriteLine($"- {miss}");
    foreach (var r in results.Where(r => r.EmptySearches + r.EmptySuggestions > 0))
        Console.WriteLine($"{r.Provider}: {r.EmptySearches} of {r.SearchSamples} searches and {r.EmptySuggestions} of {r.SuggestionSamples} suggestions found nothing");
    return;
}
if (args.Contains("--kb-analyzers"))
{
    // Issue 22 (KB-2): the knowledge search's analyzer options — quality on the demo articles, speed at N articles.
    var size = Arg("--kb-size", 20_000);
    var rounds = Arg("--kb-rounds", 5);
    var only = Array.IndexOf(args, "--kb-only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
    var results = new List<KnowledgeWorkloads.Result>();
    foreach (var (name, options) in KnowledgeWorkloads.Configurations)
    {
        if (only is not null && !name.StartsWith(only, StringComparison.OrdinalIgnoreCase)) continue;
        results.Add(KnowledgeWorkloads.Run(name, options, size, rounds));
        Console.Error.WriteLine($"{name}: done");
    }
    Console.WriteLine($"48 published demo articles, {KnowledgeWorkloads.LoadQueries().Count} queries; speed on {size:N0} synthetic articles, {rounds} rounds of the queries (top 10 with highlighting)");
    Console.WriteLine();
    Console.WriteLine("| analyzer | recall@3 | MRR | misses | index N articles | index size | search p50 | search p95 |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in results)
        Console.WriteLine($"| {r.Name} | {r.RecallAt3:P0} | {r.Mrr:0.000} | {r.Misses.Count} | {r.IndexTime.TotalSeconds:0.0} s ({r.Synthetic / r.IndexTime.TotalSeconds:0}/s) | {r.IndexBytes / 1048576.0:0} MiB | {r.P50:0.0} ms | {r.P95:0.0} ms |");
    foreach (var r in results)
    {
        Console.WriteLine();
        Console.WriteLine($"Misses, {r.Name} (query → top 3):");
        foreach (var miss in r.Misses) Console.WriteLine($"- {miss}");
    }
    var queryTexts = KnowledgeWorkloads.LoadQueries();
    Console.WriteLine();
    Console.WriteLine("Queries whose first relevant rank differs between the options (0 = not in the top 10):");
    for (var i = 0; i < queryTexts.Count; i++)
        if (results.Select(r => r.Ranks[i]).Distinct().Count() > 1)
            Console.WriteLine($"- 「{queryTexts[i].Q}」: {string.Join(", ", results.Select(r => $"{r.Name} {r.Ranks[i]}"))}");
    return;
}
var hotlineUnits = Arg("--hotline", 0);
if (hotlineUnits > 0)
{
    // Issue 11 (INT-2): the hotline desk's searches, against reading one unit by its key.
    var targets = new List<(DatabaseProvider, Func<Task<string>>)> { (DatabaseProvider.Sqlite, Databases.NewSqliteAsync) };
    if (Environment.GetEnvironmentVariable("XF_TEST_POSTGRES") is { Length: > 0 } server) targets.Add((DatabaseProvider.PostgreSql, () => Databases.NewPostgresAsync(server)));
    Console.WriteLine("| database | units | tickets | baseline: one unit by key p50 / p95 | by part of the name | by the caller's number | the unit's tickets and last contact | name search p95 vs baseline |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (provider, newDb) in targets)
    {
        var r = await HotlineWorkloads.RunAsync(provider, await newDb(), hotlineUnits, Arg("--tickets-per-unit", 10));
        Console.WriteLine($"| {provider} | {r.Units:N0} | {r.Tickets:N0} | {r.Baseline} | {r.ByName} | {r.ByPhone} | {r.Context} | {r.ByName.P95 / r.Baseline.P95:0.0}× |");
    }
    return;
}
var dashboardTickets = Arg("--dashboard", 0);
if (dashboardTickets > 0)
{
    // Issue 24 (PERF-2): the regional and a city's dashboard from the daily figures of N historical tickets, against one ticket read by its key.
    var targets = new List<(DatabaseProvider, Func<Task<string>>)> { (DatabaseProvider.Sqlite, Databases.NewSqliteAsync) };
    if (Environment.GetEnvironmentVariable("XF_TEST_POSTGRES") is { Length: > 0 } server) targets.Add((DatabaseProvider.PostgreSql, () => Databases.NewPostgresAsync(server)));
    else Console.Error.WriteLine("(PostgreSQL skipped: XF_TEST_POSTGRES not set — run through scripts/with-postgres.sh)");
    if (args.Contains("--sqlite-only")) targets.RemoveAll(t => t.Item1 != DatabaseProvider.Sqlite);
    if (args.Contains("--postgres-only")) targets.RemoveAll(t => t.Item1 != DatabaseProvider.PostgreSql);
    Console.WriteLine("| database | tickets (days) | written in | first fold | figure rows (product rows) | baseline: one ticket by key p50 / p95 | region, 12 weeks | Nanning, 12 weeks | region, a quarter | Nanning, a quarter | region p95 vs baseline | city p95 vs baseline | job round after 100 changes |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (provider, newDb) in targets)
    {
        var r = await DashboardWorkloads.RunAsync(provider, Environment.GetEnvironmentVariable("XF_DASH_DB") is { Length: > 0 } again && provider == DatabaseProvider.Sqlite ? again : await newDb(), dashboardTickets);
        Console.WriteLine($"| {provider} | {r.Tickets:N0} ({r.Days:N0}) | {r.Fill.TotalSeconds:0} s | {r.Fold.TotalSeconds:0} s | {r.FigureRows:N0} ({r.ProductRows:N0}) | {r.Baseline} | {r.Region} | {r.City} | " +
                          $"{r.RegionQuarter} | {r.CityQuarter} | {Math.Max(r.Region.P95, r.RegionQuarter.P95) / r.Baseline.P95:0}× | {Math.Max(r.City.P95, r.CityQuarter.P95) / r.Baseline.P95:0}× | {r.Incremental} |");
    }
    return;
}
var exchangeRecords = Arg("--exchange", 0);
if (exchangeRecords > 0)
{
    // Issue 23 (DAT-2): an enterprise's platform reports N records in batches of 1,000, against inserting the same rows.
    var targets = new List<(DatabaseProvider, Func<Task<string>>)> { (DatabaseProvider.Sqlite, Databases.NewSqliteAsync) };
    if (Environment.GetEnvironmentVariable("XF_TEST_POSTGRES") is { Length: > 0 } server) targets.Add((DatabaseProvider.PostgreSql, () => Databases.NewPostgresAsync(server)));
    else Console.Error.WriteLine("(PostgreSQL skipped: XF_TEST_POSTGRES not set — run through scripts/with-postgres.sh)");
    if (args.Contains("--sqlite-only")) targets.RemoveAll(t => t.Item1 != DatabaseProvider.Sqlite);
    if (args.Contains("--postgres-only")) targets.RemoveAll(t => t.Item1 != DatabaseProvider.PostgreSql);
    var exports = new List<(DatabaseProvider Provider, int Tickets, ExportMeasure Export)>();
    Console.WriteLine("| database | platforms at once | records (tickets) | batches of 1,000 | baseline: insert the rows | ingest (checked, stored, folded) | records/s | vs baseline | the same batches again | stored = acknowledged | CPU per 1,000 records: app + database |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
    foreach (var (provider, newDb) in targets)
    foreach (var clients in new[] { 1, Arg("--exchange-clients", 4) }.Distinct())
    {
        var r = await ExchangeWorkloads.RunAsync(provider, await newDb(), exchangeRecords, clients);
        Console.WriteLine($"| {provider} | {r.Clients} | {r.Records:N0} ({r.Tickets:N0}) | {r.Batches:N0} | {r.Baseline.TotalSeconds:0.0} s ({r.Records / r.Baseline.TotalSeconds:N0}/s) | " +
                          $"{r.Ingest.TotalSeconds:0.0} s | {r.Records / r.Ingest.TotalSeconds:N0} | {r.Baseline.TotalSeconds / r.Ingest.TotalSeconds:0.00}× | " +
                          $"{r.Records / r.Again.TotalSeconds:N0}/s | {r.StoredRecords:N0} records, {r.StoredTickets:N0} tickets | " +
                          $"{r.IngestCpu.App.TotalMilliseconds * 1000 / r.Records:0} + {r.IngestCpu.Server.TotalMilliseconds * 1000 / r.Records:0} ms |");
        if (r.Export is { } x) exports.Add((provider, r.Tickets, x));
    }
    // DAT-3: the same period out again, streamed.
    Console.WriteLine();
    Console.WriteLine("| database | tickets exported | baseline: read the rows | JSON | JSON size | Excel | Excel size | heap before | heap peak (JSON / Excel) |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (provider, tickets, x) in exports)
        Console.WriteLine($"| {provider} | {tickets:N0} | {x.ReadRows.TotalSeconds:0.0} s | {x.Json.Time.TotalSeconds:0.0} s ({x.Json.Time / x.ReadRows:0.0}×) | {x.Json.Bytes / 1048576.0:N0} MB | " +
                          $"{x.Excel.Time.TotalSeconds:0.0} s ({x.Excel.Time / x.ReadRows:0.0}×) | {x.Excel.Bytes / 1048576.0:N0} MB | {x.HeapBefore / 1048576.0:N0} MB | " +
                          $"{x.Json.PeakHeap / 1048576.0:N0} / {x.Excel.PeakHeap / 1048576.0:N0} MB |");
    return;
}
var replayTickets = Arg("--replay", 0);
if (replayTickets > 0)
{
    // Issue 10 (BEY-1): what-if replay of one city's quarter, against reading the same rows and doing nothing with them.
    var targets = new List<(DatabaseProvider, Func<Task<string>>)> { (DatabaseProvider.Sqlite, Databases.NewSqliteAsync) };
    if (Environment.GetEnvironmentVariable("XF_TEST_POSTGRES") is { Length: > 0 } server) targets.Add((DatabaseProvider.PostgreSql, () => Databases.NewPostgresAsync(server)));
    Console.WriteLine("| database | city's tickets (+ other city) | clock events | baseline: read the rows | replay compute only | what-if end to end p50 | p95 | vs baseline | changed |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (provider, newDb) in targets)
    {
        var r = await ReplayWorkloads.RunAsync(provider, await newDb(), replayTickets);
        Console.WriteLine($"| {provider} | {r.CityTickets:N0} (+{r.OtherTickets:N0}) | {r.Events:N0} | {r.Baseline.P50:0} ms | {r.Compute.P50:0} ms | {r.WhatIf.P50:0} ms | {r.WhatIf.P95:0} ms | {r.WhatIf.P50 / r.Baseline.P50:0.0}× | {r.Changed:N0} |");
    }
    return;
}
var inboxTickets = Arg("--inbox", 0);
if (inboxTickets > 0)
{
    // Issue 9 (PERF-2, inbox part): inbox queries over many historical tickets, and intake with a large network.
    var open = Arg("--open", 5_000);
    var targets = new List<(DatabaseProvider, Func<Task<string>>)> { (DatabaseProvider.Sqlite, Databases.NewSqliteAsync) };
    if (Environment.GetEnvironmentVariable("XF_TEST_POSTGRES") is { Length: > 0 } server) targets.Add((DatabaseProvider.PostgreSql, () => Databases.NewPostgresAsync(server)));
    if (args.Contains("--sqlite-only")) targets.RemoveAll(t => t.Item1 != DatabaseProvider.Sqlite);
    if (args.Contains("--postgres-only")) targets.RemoveAll(t => t.Item1 != DatabaseProvider.PostgreSql);
    foreach (var (provider, newDb) in targets)
    {
        var r = await InboxWorkloads.RunAsync(provider, await newDb(), inboxTickets, open);
        Console.WriteLine($"### {provider}: {r.Tickets:N0} tickets, {r.OpenTasks:N0} open tasks, {r.Technicians:N0} technicians (seeded in {r.Seed.TotalSeconds:0} s)");
        Console.WriteLine();
        Console.WriteLine("| query | rows | p50 | p95 | p95 vs baseline |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| baseline: 25 open tasks by key, no joins | 25 | {r.Baseline.P50:0.0} ms | {r.Baseline.P95:0.0} ms | 1.0× |");
        foreach (var (name, rows, time) in r.Queries)
            Console.WriteLine($"| {name} | {rows:N0} | {time.P50:0.0} ms | {time.P95:0.0} ms | {time.P95 / r.Baseline.P95:0.0}× |");
        Console.WriteLine();
        Console.WriteLine("| ticket intake (grading, dispatch, first task, committed) | p50 | p95 | p95 vs demo network |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| demo network ({r.DemoTechnicians:N0} technicians) | {r.IntakeDemo.P50:0.0} ms | {r.IntakeDemo.P95:0.0} ms | 1.0× |");
        Console.WriteLine($"| {r.Technicians:N0} technicians | {r.IntakeLarge.P50:0.0} ms | {r.IntakeLarge.P95:0.0} ms | {r.IntakeLarge.P95 / r.IntakeDemo.P95:0.0}× |");
        Console.WriteLine($"| network read per ticket, before (whole network) | {r.WholeNetworkRead.P50:0.0} ms | {r.WholeNetworkRead.P95:0.0} ms | |");
        Console.WriteLine($"| network read per ticket, now (one integrator and category, kept between network changes; the workload read each time) | {r.DispatchRead.P50:0.0} ms | {r.DispatchRead.P95:0.0} ms | {r.DispatchRead.P95 / r.WholeNetworkRead.P95:0.00}× of before |");
        Console.WriteLine();
    }
    return;
}
var monitor = Arg("--monitor", 0);
if (monitor > 0)
{
    // Issue 8: the monitor's reads over many finished instances, with a plain journal scan as the baseline of the run.
    Console.WriteLine($"| database | instances | seed | baseline scan | heat map | vs baseline | list page 1 | filtered page | page at 50,000 |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    var targets = new List<(DatabaseProvider, Func<Task<string>>)> { (DatabaseProvider.Sqlite, Databases.NewSqliteAsync) };
    if (Environment.GetEnvironmentVariable("XF_TEST_POSTGRES") is { Length: > 0 } server) targets.Add((DatabaseProvider.PostgreSql, () => Databases.NewPostgresAsync(server)));
    foreach (var (provider, newDb) in targets)
    {
        var r = await MonitorWorkloads.RunAsync(provider, await newDb(), monitor);
        Console.WriteLine($"| {provider} | {r.Instances} | {r.Seed.TotalSeconds:0.0} s | {r.Baseline.TotalMilliseconds:0} ms | {r.Heat.TotalMilliseconds:0} ms | {r.Heat / r.Baseline:0.0}× | " +
                          $"{r.FirstPage.TotalMilliseconds:0} ms | {r.FilteredPage.TotalMilliseconds:0} ms | {r.DeepPage.TotalMilliseconds:0} ms |");
    }
    return;
}
var n = Arg("--n", 10_000);
var timers = Arg("--timers", 10_000);
var sqliteOnly = args.Contains("--sqlite-only");
var clientCounts = new[] { 1, Arg("--clients", 8) };
var pg = Environment.GetEnvironmentVariable("XF_TEST_POSTGRES");

var report = new StringBuilder();
void Line(string s) { Console.WriteLine(s); report.AppendLine(s); }

Line($"# XinchuangFlow benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Line($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Line($"N = {n} instances, {timers} timers; 1 client (sequential) and {clientCounts[1]} concurrent clients; commits counted by an EF Core interceptor");
Line("");
Line("| database | clients | workload | system | ops/s | ms/op | commits/op | vs raw EF | vs WorkflowCore |");
Line("|---|---:|---|---|---:|---:|---:|---:|---:|");

var timersOnly = args.Contains("--timers-only");
var wfc = timersOnly ? default! : await WorkflowCorePeer.RunAsync(n);
var providers = new List<(DatabaseProvider, Func<Task<string>>)> { (DatabaseProvider.Sqlite, Databases.NewSqliteAsync) };
if (args.Contains("--postgres-only")) providers.Clear();
if (!sqliteOnly && !string.IsNullOrEmpty(pg)) providers.Add((DatabaseProvider.PostgreSql, () => Databases.NewPostgresAsync(pg)));
else if (!sqliteOnly) Line("(PostgreSQL skipped: XF_TEST_POSTGRES not set — run through scripts/with-postgres.sh)");

foreach (var (provider, newDb) in providers)
{
    foreach (var clients in timersOnly ? [] : clientCounts)
    {
        var raw = await RawEfBaseline.RunAsync(provider, await newDb(), n, clients);
        var engine = await EngineWorkloads.RunAsync(provider, await newDb(), n, clients);
        Row(provider, clients, "W1 start → task", engine.W1, raw.W1, wfc.W1);
        Row(provider, clients, "W2 complete task → end", engine.W2, raw.W2, wfc.W2);
    }
    var w4 = await EngineWorkloads.RunTimersAsync(provider, await newDb(), timers);
    var drainers = Environment.GetEnvironmentVariable("Engine__TimerDrainers") ?? "1";
    Line($"| {provider} | {drainers} | W4 {timers} timers due at once | XinchuangFlow | {timers / w4.Drain.TotalSeconds:0} | drained in {w4.Drain.TotalSeconds:0.00} s | {w4.CommitsPerTimer:0.000} | p50 lateness {w4.P50.TotalMilliseconds:0} ms | p99 lateness {w4.P99.TotalMilliseconds:0} ms |");
    Line($"  W4 {provider}: time per phase, summed over the batches (loading and running the next batch overlap the current batch's commit): {w4.Phases}");
}
Line("");
if (!timersOnly) Line($"WorkflowCore 3.22 (in-memory provider, same flow with a WaitFor event as the human task): W1 {wfc.W1.OpsPerSecond:0} ops/s, W2 {wfc.W2.OpsPerSecond:0} ops/s.");

var output = Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts");
Directory.CreateDirectory(output);
File.WriteAllText(Path.Combine(output, "xinchuangflow-benchmark.md"), report.ToString());
Console.WriteLine($"written to {Path.Combine(output, "xinchuangflow-benchmark.md")}");
return;

void Row(DatabaseProvider p, int clients, string workload, Measurement engine, Measurement raw, Measurement peer) =>
    Line($"| {p} | {clients} | {workload} | XinchuangFlow | {engine.OpsPerSecond:0} | {engine.MsPerOp:0.000} | {engine.CommitsPerOp:0.00} | **{engine.OpsPerSecond / raw.OpsPerSecond:0.00}×** | **{engine.OpsPerSecond / peer.OpsPerSecond:0.00}×** |\n" +
         $"| {p} | {clients} | {workload} | raw EF Core baseline | {raw.OpsPerSecond:0} | {raw.MsPerOp:0.000} | {raw.CommitsPerOp:0.00} | 1.00× | |");

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}

namespace XinchuangFlow.Benchmarks
{
    public sealed record Measurement(int Ops, TimeSpan Elapsed, int Commits)
    {
        public double OpsPerSecond => Ops / Elapsed.TotalSeconds;
        public double MsPerOp => Elapsed.TotalMilliseconds / Ops;
        public double CommitsPerOp => (double)Commits / Ops;
    }

    public sealed record Pair(Measurement W1, Measurement W2);

    public sealed record TimerResult(TimeSpan Drain, TimeSpan P50, TimeSpan P99, double CommitsPerTimer, string Phases);

    internal static class Clock
    {
        /// <summary>Runs op(0..n-1) with <paramref name="clients"/> concurrent callers taking the next index.</summary>
        public static Task<TimeSpan> ParallelAsync(int n, int clients, Func<int, Task> op) => TimeAsync(async () =>
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < n) await op(i);
            })));
        });

        public static async Task<TimeSpan> TimeAsync(Func<Task> work)
        {
            var sw = Stopwatch.StartNew();
            await work();
            return sw.Elapsed;
        }
    }
}
