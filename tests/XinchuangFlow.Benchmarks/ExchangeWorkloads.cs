using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Exchange;
using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Benchmarks;

public sealed record ExchangeResult(int Records, int Tickets, int Batches, int Clients, TimeSpan Baseline, TimeSpan Ingest, TimeSpan Again, long StoredRecords, long StoredTickets)
{
    /// <summary>CPU spent during the ingest by the application and by the PostgreSQL server (zero on SQLite: in-process).</summary>
    public (TimeSpan App, TimeSpan Server) IngestCpu { get; init; }

    /// <summary>DAT-3, measured after one platform's run: the whole period out as JSON and as Excel, against reading the same rows.</summary>
    public ExportMeasure? Export { get; init; }
}

/// <summary>Reading the rows alone (the floor), then each format: time, size, and the most the managed heap held meanwhile.</summary>
public sealed record ExportMeasure(TimeSpan ReadRows, long HeapBefore, (TimeSpan Time, long Bytes, long PeakHeap) Json, (TimeSpan Time, long Bytes, long PeakHeap) Excel);

/// <summary>
/// DAT-2: an enterprise's platform reports <c>records</c> records (tickets of 8 records each: the ticket and 7 events, the
/// events of every ticket sent out of order) in batches of 1,000 through <see cref="ExchangeService.IngestAsync"/>: schema
/// check, reference checks, the store and the fold of every touched ticket, committed. The baseline is the framework's
/// floor on the same database in the same run: the same rows inserted into the same table with EF Core's AddRange and
/// SaveChanges in batches of 1,000, nothing checked and no ticket made. Then the same batches again (all unchanged).
/// At the end the stored records and tickets are counted against what was acknowledged.
/// </summary>
public static class ExchangeWorkloads
{
    private const int PerTicket = 8, BatchSize = 1000;
    private static readonly string[] Kinds = [ExchangeKinds.Dispatched, ExchangeKinds.Accepted, ExchangeKinds.SetOut, ExchangeKinds.CheckedIn, ExchangeKinds.Resolved, ExchangeKinds.Feedback, ExchangeKinds.Closed];

    /// <param name="clients">Enterprises reporting at the same time, each its own share of the tickets (1: one platform alone).</param>
    public static async Task<ExchangeResult> RunAsync(DatabaseProvider provider, string cs, int records, int clients = 1)
    {
        using var host = await EngineWorkloads.StartHostAsync(provider, cs, TimeProvider.System, new CommitCounter());
        var services = host.Services;
        var factory = services.GetRequiredService<IDbContextFactory<XfDbContext>>();
        await services.GetRequiredService<DatabaseInitializer>().ImportAsync(CancellationToken.None);
        var enterprises = Enumerable.Range(0, clients).Select(_ => Guid.CreateVersion7()).ToArray();
        var counties = GuangxiDivisions.Shipped.Counties;
        await using (var db = await factory.CreateDbContextAsync())
        {
            foreach (var county in counties) db.ProcurementUnits.Add(new ProcurementUnit { Id = Guid.CreateVersion7(), Name = $"{county.Name}测试局", CityCode = county.CityCode, CountyCode = county.Code });
            await db.SaveChangesAsync();
        }
        var tickets = records / PerTicket;
        var batches = (tickets * PerTicket + BatchSize - 1) / BatchSize;
        var start = DateTimeOffset.UtcNow.AddDays(-80);
        // All records in the order they are sent: tickets in order, each ticket's events reversed (the latest first).
        IEnumerable<JsonObject> All(int client)
        {
            var enterprise = enterprises[client];
            for (var t = client; t < tickets; t += clients)
            {
                var county = counties[t % counties.Count];
                var created = start.AddSeconds(t * 6);
                var id = $"WO-{t:D8}";
                yield return new JsonObject
                {
                    ["type"] = "ticket", ["enterprise"] = enterprise.ToString(), ["externalId"] = id, ["createdAt"] = created.ToString("O"), ["channel"] = "hotline",
                    ["procurementUnit"] = $"{county.Name}测试局", ["contactName"] = "测试联系人", ["contactPhone"] = "0771-5550000", ["cityCode"] = county.CityCode,
                    ["countyCode"] = county.Code, ["productCategory"] = "terminal", ["title"] = "终端无法开机", ["description"] = "按电源键无反应，指示灯不亮。",
                };
                for (var e = Kinds.Length; e >= 1; e--)
                {
                    var ev = new JsonObject
                    {
                        ["type"] = "event", ["enterprise"] = enterprise.ToString(), ["externalId"] = id, ["sequence"] = e,
                        ["at"] = created.AddMinutes(e * 20).ToString("O"), ["kind"] = Kinds[e - 1],
                    };
                    if (e == 1) (ev["technician"], ev["servicePointCounty"]) = ("测试工程师", county.Code);
                    if (Kinds[e - 1] == ExchangeKinds.Resolved) ev["resolution"] = "更换电源适配器";
                    if (Kinds[e - 1] == ExchangeKinds.Feedback) ev["satisfaction"] = 5;
                    yield return ev;
                }
            }
        }
        JsonElement Batch(IEnumerable<JsonObject> part) =>
            JsonDocument.Parse(new JsonObject { ["standard"] = "v1", ["records"] = new JsonArray(part.Select(p => (JsonNode)p).ToArray()) }.ToJsonString()).RootElement;
        var shares = Enumerable.Range(0, clients).Select(c => All(c).Chunk(BatchSize).Select(Batch).ToList()).ToArray();
        var payloads = shares.SelectMany(p => p).ToList();

        // The framework's floor: the same number of rows of the same table, inserted 1,000 at a time.
        var floorEnterprise = Guid.CreateVersion7();
        var baseline = Stopwatch.StartNew();
        var n = 0;
        foreach (var payload in payloads)
        {
            await using var db = await factory.CreateDbContextAsync();
            foreach (var r in payload.GetProperty("records").EnumerateArray())
                db.ReportedRecords.Add(new ReportedRecord
                {
                    EnterpriseId = floorEnterprise, ExternalId = r.GetProperty("externalId").GetString()!, Sequence = n++, At = DateTimeOffset.UtcNow, Kind = "x",
                    Data = r.GetRawText(), Hash = "0", BatchId = Guid.Empty, ReceivedAt = DateTimeOffset.UtcNow,
                });
            await db.SaveChangesAsync();
        }
        baseline.Stop();
        await using (var db = await factory.CreateDbContextAsync()) await db.ReportedRecords.Where(r => r.EnterpriseId == floorEnterprise).ExecuteDeleteAsync();

        var exchange = services.GetRequiredService<ExchangeService>();
        Actor Platform(int c) => Actor.Of($"platform:bench{c:D4}", [Roles.EnterprisePlatform], enterprises[c]);
        var stored = 0;
        var cpu = await CpuMeter.StartAsync(provider == DatabaseProvider.PostgreSql ? cs : null);
        var ingest = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            foreach (var payload in shares[c])
            {
                var report = await exchange.IngestAsync(Platform(c), payload);
                if (report.Rejected > 0) throw new InvalidOperationException($"refused: {JsonSerializer.Serialize(report.Rejections.Take(3))}");
                Interlocked.Add(ref stored, report.Stored);
            }
        })));
        ingest.Stop();
        var ingestCpu = cpu.Read();
        var again = Stopwatch.StartNew();
        foreach (var payload in shares[0].Take(Math.Max(1, shares[0].Count / 10)))
        {
            var report = await exchange.IngestAsync(Platform(0), payload);
            if (report.Stored != 0) throw new InvalidOperationException("a batch sent again stored something");
        }
        again.Stop();
        var againRecords = shares[0].Take(Math.Max(1, shares[0].Count / 10)).Sum(p => p.GetProperty("records").GetArrayLength());
        await using var check = await factory.CreateDbContextAsync();
        var storedRecords = await check.ReportedRecords.LongCountAsync(r => enterprises.Contains(r.EnterpriseId));
        var storedTickets = await check.Tickets.LongCountAsync(t => t.ReportedBy != null && enterprises.Contains(t.ReportedBy.Value));
        if (storedRecords != stored || storedTickets != tickets)
            throw new InvalidOperationException($"acknowledged {stored} records and {tickets} tickets; stored {storedRecords} and {storedTickets}");
        // "Again" is reported as the time the whole set would take at the rate measured on a tenth of it.
        return new ExchangeResult(stored, tickets, payloads.Count, clients, baseline.Elapsed, ingest.Elapsed, again.Elapsed * ((double)stored / againRecords), storedRecords, storedTickets)
        {
            IngestCpu = ingestCpu,
            Export = clients == 1 ? await ExportAsync(services, factory, start.AddDays(-1), tickets) : null,
        };
    }

    /// <summary>
    /// The Data Bureau exports the whole period (DAT-3) as JSON to a counting sink and as Excel to a file, while a sampler
    /// records the managed heap's peak: streaming means the peak stays far below the export's size.
    /// </summary>
    private static async Task<ExportMeasure> ExportAsync(IServiceProvider services, IDbContextFactory<XfDbContext> factory, DateTimeOffset from, int tickets)
    {
        var export = services.GetRequiredService<ExchangeExportService>();
        var bureau = Actor.Of("bench@databureau", [Roles.DataBureauAdmin]);
        var first = DateOnly.FromDateTime(from.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var plan = await export.PlanAsync(bureau, "json", null, first, first.AddDays(120), null, null);

        var read = Stopwatch.StartNew();
        long rows = 0;
        await using (var db = await factory.CreateDbContextAsync())
        {
            // PostgreSQL takes only UTC offsets for timestamptz; the period's bounds are China time.
            var (since, until) = (plan.Period.From.ToUniversalTime(), plan.Period.To.ToUniversalTime());
            await foreach (var _ in db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= since && t.CreatedAt < until).AsAsyncEnumerable()) rows++;
            await foreach (var _ in db.ReportedRecords.AsNoTracking().AsAsyncEnumerable()) rows++;
        }
        read.Stop();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(true);

        async Task<(TimeSpan, long, long)> MeasureAsync(Func<Stream, Task> write, Stream sink)
        {
            GC.Collect();
            long peak = 0;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(false));
                    try { await Task.Delay(20, stop.Token); } catch (OperationCanceledException) { }
                }
            });
            var time = Stopwatch.StartNew();
            await write(sink);
            time.Stop();
            await stop.CancelAsync();
            await sampler;
            return (time.Elapsed, sink.Length, peak);
        }

        var json = await MeasureAsync(s => export.WriteJsonAsync(plan, s), new CountingStream());
        var path = Path.Combine(Path.GetTempPath(), $"xf-bench-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite);
            var excel = await MeasureAsync(s => export.WriteExcelAsync(plan, s, _ => null), file);
            if (rows < tickets) throw new InvalidOperationException($"read {rows} rows for {tickets} tickets");
            return new ExportMeasure(read.Elapsed, before, json, excel);
        }
        finally { File.Delete(path); }
    }

    /// <summary>A write-only stream that only counts what it is given.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
