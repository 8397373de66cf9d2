using System.Text.Json;
using MiniExcelLibs;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Time;

namespace XinchuangFlow.Application.Exchange;

/// <summary>What an export covers: the period and the scope the caller asked for and may see.</summary>
public sealed record ExchangeExportPlan(AssessmentPeriod Period, KpiScope Scope, DateTimeOffset At, string Format = "json");

/// <summary>
/// The service data out in the exchange standard v1 (DAT-3): every ticket created in a period (a quarter or up to a year)
/// within what the caller may see — the region for the Data Bureau and the Intranet Office, a city for its coordinator,
/// an enterprise for its managers and its own platform — as JSON (the standard's records) or Excel (a sheet of tickets
/// and a sheet of events). Both are written as they are read, a page of tickets at a time, so a year of the whole region
/// is never held in memory. Every export is audited.
/// </summary>
public sealed class ExchangeExportService(
    IExchangeExportSource source, AccessService access, INetworkRepository network, GuangxiDivisions divisions, IAuditLog audit, TimeProvider clock)
{
    public const string AuditKind = "service-data";

    /// <summary>Checks the period and the scope before anything is written (a refusal is logged), and audits the export.</summary>
    public async Task<ExchangeExportPlan> PlanAsync(Actor actor, string? format, string? quarter, DateOnly? from, DateOnly? to, Guid? enterpriseId, string? cityCode,
        CancellationToken ct = default)
    {
        var kind = (format ?? "json").Trim().ToLowerInvariant();
        if (kind is not ("json" or "xlsx"))
            throw new InvalidInputException(Problem.Of(ExchangeProblems.ExportFormat, "format", "The export is json or xlsx.", ("value", format)));
        if (cityCode is not null && divisions.Find(cityCode) is not { Level: DivisionLevel.City })
            throw new InvalidInputException(Problem.Of(ExchangeProblems.UnknownDivision, "city", "Not a Guangxi city code.", ("value", cityCode.Length > 20 ? cityCode[..20] + "…" : cityCode)));
        var scope = KpiService.ScopeOf(access, actor, access.ExportReachOf(actor), enterpriseId, cityCode, "export the service data",
            "The service data is exported by the Data Bureau, the Intranet Office, the municipal coordinators and the enterprises.");
        var period = KpiService.PeriodOf(quarter, from, to);
        var plan = new ExchangeExportPlan(period, scope, clock.GetUtcNow(), kind);
        await audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = plan.At, User = actor.UserName, EntityKind = AuditKind, EntityId = "export", Action = "export",
            Comment = $"{kind} {ChinaTime.DayOf(period.From):yyyy-MM-dd}..{ChinaTime.DayOf(period.To):yyyy-MM-dd}"
                      + (scope.EnterpriseId is { } e ? $" enterprise {e}" : "") + (scope.CityCode is { } c ? $" city {c}" : ""),
        }, ct);
        return plan;
    }

    /// <summary>The file an export is saved as: the period's first and last days (China time) and the format.</summary>
    public static string FileName(ExchangeExportPlan plan, string format) =>
        $"xf-service-data-{ChinaTime.DayOf(plan.Period.From):yyyyMMdd}-{ChinaTime.DayOf(plan.Period.To).AddDays(-1):yyyyMMdd}.{format}";

    /// <summary>The tickets of the export, oldest first, read a page at a time.</summary>
    public IAsyncEnumerable<ExportedTicket> TicketsAsync(ExchangeExportPlan plan, CancellationToken ct = default) =>
        source.TicketsAsync(plan.Scope, plan.Period.From, plan.Period.To, ct);

    /// <summary>The export as the standard's JSON document (<c>$defs/export</c> of the schema), flushed as it goes.</summary>
    public async Task WriteJsonAsync(ExchangeExportPlan plan, Stream output, CancellationToken ct = default)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("standard", ExchangeKinds.Standard);
        json.WriteString("exportedAt", ChinaTime.ToChina(plan.At));
        json.WriteString("from", ChinaTime.ToChina(plan.Period.From));
        json.WriteString("to", ChinaTime.ToChina(plan.Period.To));
        if (plan.Scope.EnterpriseId is { } e) json.WriteString("enterprise", e);
        if (plan.Scope.CityCode is { } c) json.WriteString("city", c);
        json.WriteStartArray("records");
        await foreach (var t in TicketsAsync(plan, ct))
        {
            ExchangeExport.WriteTicket(json, t);
            foreach (var ev in t.Events) ExchangeExport.WriteEvent(json, t, ev);
            if (json.BytesPending > 64 * 1024) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    /// <summary>
    /// The export as an Excel workbook: a sheet of tickets and a sheet of events, headed and named in the reader's
    /// language by <paramref name="text"/> (a text key → its text, null when there is none). Written to
    /// <paramref name="output"/> synchronously row by row (give it a file, not a response).
    /// </summary>
    public async Task WriteExcelAsync(ExchangeExportPlan plan, Stream output, Func<string, string?> text, CancellationToken ct = default)
    {
        var names = (await network.EnterprisesAsync(ct)).ToDictionary(e => e.Id, e => e.Name);
        string T(string key) => text(key) ?? key;
        string Name(string prefix, string? code) => code is null ? "" : text(prefix + code) ?? code;
        string Place(string? code) => code is null ? "" : divisions.Find(code)?.Name ?? code;
        DateTime? Local(DateTimeOffset? at) => at is { } a ? ChinaTime.ToChina(a).DateTime : null;

        IEnumerable<IDictionary<string, object?>> Tickets() =>
            TicketsAsync(plan, ct).ToBlockingEnumerable(ct).Select(x =>
            {
                var t = x.Ticket;
                return (IDictionary<string, object?>)new Dictionary<string, object?>
                {
                    [T("Export.Col.number")] = t.Number,
                    [T("Export.Col.externalId")] = x.ExternalId,
                    [T("Export.Col.source")] = T(t.IsReported ? "Export.Source.reported" : "Export.Source.platform"),
                    [T("Export.Col.enterprise")] = x.Enterprise is { } e ? names.GetValueOrDefault(e, "") : "",
                    [T("Export.Col.createdAt")] = Local(t.CreatedAt),
                    [T("Export.Col.channel")] = Name("Intake.", t.Channel),
                    [T("Export.Col.unit")] = t.ProcurementUnit,
                    [T("Export.Col.cityCode")] = t.CityCode,
                    [T("Export.Col.city")] = Place(t.CityCode),
                    [T("Export.Col.countyCode")] = t.CountyCode,
                    [T("Export.Col.county")] = Place(t.CountyCode),
                    [T("Export.Col.category")] = Name("Category.", t.ProductCategory),
                    [T("Export.Col.vendor")] = t.ProductVendor ?? "",
                    [T("Export.Col.model")] = t.ProductModel ?? "",
                    [T("Export.Col.cpu")] = t.Cpu ?? "",
                    [T("Export.Col.os")] = t.Os ?? "",
                    [T("Export.Col.title")] = t.Title,
                    [T("Export.Col.impact")] = Name("Impact.", t.Impact),
                    [T("Export.Col.grade")] = t.Grade?.Code ?? "",
                    [T("Export.Col.status")] = Name("Status.", t.Status.Code),
                    [T("Export.Col.technician")] = t.TechnicianName ?? "",
                    [T("Export.Col.breached")] = T(t.Breached ? "Export.Yes" : "Export.No"),
                    [T("Export.Col.satisfaction")] = t.Satisfaction,
                    [T("Export.Col.reopened")] = t.ReopenCount,
                    [T("Export.Col.resolvedAt")] = Local(t.ResolvedAt),
                    [T("Export.Col.closedAt")] = Local(t.ClosedAt),
                };
            });

        IEnumerable<IDictionary<string, object?>> Events() =>
            TicketsAsync(plan, ct).ToBlockingEnumerable(ct).SelectMany(x => x.Events.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                [T("Export.Col.number")] = x.Ticket.Number,
                [T("Export.Col.sequence")] = e.Sequence,
                [T("Export.Col.at")] = Local(e.At),
                [T("Export.Col.event")] = Name("Event.reported-", e.Kind == ExchangeKinds.Paused ? $"{e.Kind}-{e.Reason}" : e.Kind),
                [T("Export.Col.technician")] = e.Technician ?? "",
                [T("Export.Col.servicePointCounty")] = Place(e.ServicePointCounty),
                [T("Export.Col.resolution")] = e.Resolution ?? "",
                [T("Export.Col.satisfaction")] = e.Satisfaction,
                [T("Export.Col.comment")] = e.Comment ?? "",
            }));

        var sheets = new Dictionary<string, object>
        {
            [T("Export.Sheet.tickets")] = Tickets(),
            [T("Export.Sheet.events")] = Events(),
        };
        await Task.Run(() => MiniExcel.SaveAs(output, sheets, excelType: ExcelType.XLSX), ct);
    }
}
