using XinchuangFlow.Web.Text;
using System.Security.Claims;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>The audit trail (SEC-3): search, export and the seal check.</summary>
public static class AuditEndpoints
{
    /// <summary>Audit search parameters; <c>from</c>/<c>to</c> are dates in China time (to inclusive).</summary>
    public sealed record AuditFilter(string? Kind, string? Id, string? User, string? Action, string? Text, DateOnly? From, DateOnly? To, int? Skip, int? Take)
    {
        public XinchuangFlow.Application.Audit.AuditQuery ToQuery() => XinchuangFlow.Application.Audit.AuditQuery.ForDays(Kind, Id, User, Action, Text, From, To);
    }

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async ([AsParameters] AuditFilter filter, ClaimsPrincipal user, XinchuangFlow.Application.Audit.AuditService audit, CancellationToken ct) =>
        {
            var (items, total) = await audit.SearchAsync(user.ToActor(), filter.ToQuery(), filter.Skip, filter.Take, ct);
            return Results.Ok(new { total, items });
        }).WithSummary("The audit trail (SEC-3, Data Bureau and supervisors): every change — definitions, rules, each ticket and complaint action, keys, the mailbox's triage — newest first; filter by kind, id, user, action, text, period (China time). Each line's subject names what it is about where its id is no name (an enterprise, a city, a service point or technician), as the audit page shows it.");
        api.MapGet("/audit/export", async ([AsParameters] AuditFilter filter, ClaimsPrincipal user, XinchuangFlow.Application.Audit.AuditService audit, TimeProvider clock, CancellationToken ct) =>
            Results.File(await audit.ExportCsvAsync(user.ToActor(), filter.ToQuery(), ct), "text/csv; charset=utf-8", $"audit-{Times.FileStamp(clock.GetUtcNow())}.csv"))
            .WithSummary("The matching audit lines as CSV (UTF-8), oldest first, with each line's seal order and SM3 hash.");
        api.MapPost("/audit/verify", async (ClaimsPrincipal user, XinchuangFlow.Application.Audit.AuditService audit, CancellationToken ct) =>
            Results.Ok(await audit.VerifyAsync(user.ToActor(), ct))).ReadsOnly()
            .WithSummary("Seals what is waiting and recomputes the SM3 chain from its first line: intact, or the first line changed, missing or out of place.");
        return api;
    }
}
