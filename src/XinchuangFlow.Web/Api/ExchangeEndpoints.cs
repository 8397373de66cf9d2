using System.Security.Claims;
using System.Text.Json;
using XinchuangFlow.Application.Exchange;
using XinchuangFlow.Web.Components;
using XinchuangFlow.Web.Security;
using XinchuangFlow.Web.Text;

namespace XinchuangFlow.Web.Api;

/// <summary>
/// The exchange standard over HTTP (DAT-1, DAT-2): enterprises' own platforms report batches of tickets and events with
/// their platform key; the schema is published. Thin: the exchange service checks and stores.
/// </summary>
public static class ExchangeEndpoints
{
    public static IEndpointRouteBuilder MapExchangeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exchange/v1").RequireAuthorization().WithTags("Exchange");
        api.MapPost("/batches", async (JsonElement body, ClaimsPrincipal user, ExchangeService exchange, CancellationToken ct) =>
            {
                var report = await exchange.IngestAsync(user.ToActor(), body, ct);
                var answer = new
                {
                    batchId = report.BatchId, received = report.Received, stored = report.Stored, unchanged = report.Unchanged, rejected = report.Rejected,
                    tickets = report.Tickets, applied = report.Applied,
                    rejections = report.Rejections.Select(r => new
                    {
                        index = r.Index, externalId = r.ExternalId, sequence = r.Sequence,
                        problems = r.Problems.Select(p => new { code = p.Code, field = p.Field, message = p.Text() }),
                    }),
                };
                return report.Applied ? Results.Ok(answer) : Results.UnprocessableEntity(answer);
            })
            .WithSummary("Reports a batch of the exchange standard v1 (docs/data-standard.md) with an enterprise's platform key (X-Api-Key): up to 1,000 "
                         + "ticket and event records, stored by (enterprise, externalId, sequence) — the same batch twice changes nothing. Answers what was "
                         + "stored, unchanged and rejected, with every rejected record and why; 422 when an atomic batch stored nothing.");
        api.MapGet("/batches", async (int? take, ClaimsPrincipal user, ExchangeService exchange, CancellationToken ct) =>
                Results.Ok(await exchange.BatchesAsync(user.ToActor(), take ?? 20, ct)))
            .WithSummary("The latest batches received: an enterprise's platform or manager sees its own, the Data Bureau and the Intranet Office all (take 1–200).");
        api.MapGet("/schema", () => Results.Text(ExchangeSchema.Text, "application/schema+json"))
            .WithSummary("The JSON Schema every batch is checked against.");
        api.MapGet("/export", async (string? format, string? quarter, DateOnly? from, DateOnly? to, Guid? enterpriseId, string? city, ClaimsPrincipal user,
                ExchangeExportService export, CancellationToken ct) =>
            {
                var plan = await export.PlanAsync(user.ToActor(), format, quarter, from, to, enterpriseId, city, ct);
                var kind = plan.Format;
                var name = ExchangeExportService.FileName(plan, kind);
                if (kind == "json")
                    return Results.Stream(body => export.WriteJsonAsync(plan, body, ct), "application/json; charset=utf-8", name);
                // The workbook is written row by row to a temporary file that goes when the answer is sent.
                var file = new FileStream(Path.Combine(Path.GetTempPath(), $"xf-export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
                    FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                try
                {
                    await export.WriteExcelAsync(plan, file, key => SharedTexts.Find(key), ct);
                    file.Position = 0;
                    return Results.File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
                }
                catch
                {
                    await file.DisposeAsync();
                    throw;
                }
            })
            .WithSummary("The service data in the exchange standard (DAT-3): every ticket created in a quarter (quarter=2026Q3) or a period (from, to: days "
                         + "in China time, up to 366) within the caller's scope, as the standard's JSON (format=json, the schema's $defs/export) or an Excel "
                         + "workbook of tickets and events (format=xlsx). The Data Bureau and the Intranet Office export the region, a coordinator their "
                         + "city, an enterprise's manager or platform their enterprise. Streamed.");
        return app;
    }
}
