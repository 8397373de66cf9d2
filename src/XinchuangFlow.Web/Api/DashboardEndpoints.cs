using System.Security.Claims;
using XinchuangFlow.Application.Dashboards;
using XinchuangFlow.Web.Security;
using XinchuangFlow.Web.Text;

namespace XinchuangFlow.Web.Api;

/// <summary>The dashboards over HTTP (DSH-1, DSH-2). Thin: the dashboard service decides the scope and computes.</summary>
public static class DashboardEndpoints
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dashboard").RequireAuthorization().WithTags("Dashboards");
        api.MapGet("", async (string? quarter, DateOnly? from, DateOnly? to, string? city, Guid? enterpriseId, ClaimsPrincipal user, DashboardService dashboards,
                CancellationToken ct) => Results.Ok(await dashboards.ViewAsync(user.ToActor(), quarter, from, to, city, enterpriseId, ct)))
            .WithSummary("The caller's dashboard from the daily figures: the Data Bureau and the Intranet Office read the region, a coordinator their city, an "
                         + "enterprise's manager their enterprise, a technician their own tickets. Open and overdue tickets now; for the period (a quarter "
                         + "quarter=2026Q3, or days from/to in China time, the end excluded; by default the last 12 weeks) the created and closed tickets, "
                         + "on-site compliance (4 h same city / 12 h another city), satisfaction and complaints over all, by city, county and enterprise, "
                         + "by week, and the top product categories and OS/CPU platforms. A city or enterprise outside the caller's reach is a 403.");
        api.MapGet("/tickets", async (string? figure, string? quarter, DateOnly? from, DateOnly? to, string? city, string? county, Guid? enterpriseId,
                string? category, string? os, string? cpu, int? skip, int? take, ClaimsPrincipal user, DashboardService dashboards, CancellationToken ct) =>
                Results.Ok(await dashboards.TicketsAsync(user.ToActor(), figure ?? DashboardFigureCodes.Created, quarter, from, to, city, county, enterpriseId,
                    category, os, cpu, skip, take, ct)))
            .WithSummary("The tickets behind a dashboard figure (figure: open, overdue, created, closed, onsite, rated, dissatisfied, complaints; created by "
                         + "default), narrowed to a city, county, enterprise, product category, OS or CPU, newest first, paged (skip, take ≤ 200), always "
                         + "within the caller's scope. Each row says whether its on-site clock was kept.");
        api.MapGet("/tickets/export", async (string? figure, string? quarter, DateOnly? from, DateOnly? to, string? city, string? county, Guid? enterpriseId,
                string? category, string? os, string? cpu, ClaimsPrincipal user, DashboardService dashboards, CancellationToken ct) =>
            {
                var file = new MemoryStream();
                var name = await dashboards.WriteTicketsAsync(user.ToActor(), figure ?? DashboardFigureCodes.Created, quarter, from, to, city, county, enterpriseId,
                    category, os, cpu, file, key => SharedTexts.Find(key), ct);
                file.Position = 0;
                return Results.File(file, XlsxType, name);
            })
            .WithSummary($"The same list as an Excel workbook headed in the caller's language (at most {DashboardService.MaxExport} tickets).");
        api.MapGet("/export", async (string? table, string? quarter, DateOnly? from, DateOnly? to, string? city, Guid? enterpriseId, ClaimsPrincipal user,
                DashboardService dashboards, CancellationToken ct) =>
            {
                var file = new MemoryStream();
                var name = await dashboards.WriteTableAsync(user.ToActor(), table, quarter, from, to, city, enterpriseId, file, key => SharedTexts.Find(key), ct);
                file.Position = 0;
                return Results.File(file, XlsxType, name);
            })
            .WithSummary("One table or chart of the dashboard as an Excel workbook (table: cities, counties, enterprises, weeks, categories, platforms).");
        api.MapGet("/ranking", async (string? quarter, ClaimsPrincipal user, DashboardService dashboards, CancellationToken ct) =>
                Results.Ok(await dashboards.RankingAsync(user.ToActor(), quarter, ct)))
            .WithSummary("The enterprises ranked for a quarter (quarter=2026Q3, the current one by default) by on-site compliance, then satisfaction, then "
                         + "fewer complaints per 100 tickets — the procurement cloud platform's form (docs/data-standard.md, \"Enterprise ranking\").");
        api.MapGet("/ranking/export", async (string? quarter, ClaimsPrincipal user, DashboardService dashboards, CancellationToken ct) =>
            {
                var file = new MemoryStream();
                var name = await dashboards.WriteRankingAsync(user.ToActor(), quarter, file, ct);
                file.Position = 0;
                return Results.File(file, XlsxType, name);
            })
            .WithSummary("The ranking as an Excel workbook with the fixed column codes the procurement cloud platform reads (docs/data-standard.md).");
        return app;
    }
}
