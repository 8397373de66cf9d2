using System.Security.Claims;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>The service indicators over HTTP (ASM-1). Thin: the indicator service decides the scope and computes.</summary>
public static class AssessmentEndpoints
{
    public static IEndpointRouteBuilder MapAssessmentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/kpis").RequireAuthorization().WithTags("Assessment");
        api.MapGet("", async (string? quarter, DateOnly? from, DateOnly? to, Guid? enterpriseId, string? city, ClaimsPrincipal user, KpiService kpis,
                INetworkRepository network, GuangxiDivisions divisions, CancellationToken ct) =>
            {
                var report = await kpis.ReportAsync(user.ToActor(), quarter, from, to, enterpriseId, city, ct);
                var names = (await network.EnterprisesAsync(ct)).ToDictionary(e => e.Id.ToString(), e => e.Name);
                return Results.Ok(new
                {
                    from = report.Period.From, to = report.Period.To, asOf = report.AsOf, enterpriseId = report.Scope.EnterpriseId, city = report.Scope.CityCode,
                    groups = report.Groups.Select(g => new
                    {
                        dimension = g.Dimension, key = g.Key,
                        name = g.Dimension switch { "enterprise" => names.GetValueOrDefault(g.Key), "city" => divisions.Find(g.Key)?.Name, _ => null },
                        figures = g.Figures.Values.Select(f => new { code = f.Code, value = f.Value, numerator = f.Numerator, denominator = f.Denominator, againstTotal = f.AgainstTotal, against = f.Against }),
                    }),
                });
            })
            .WithSummary("The service indicators (docs/assessment.md) of a quarter (quarter=2026Q3) or a period (from, to: days in China time, up to 366), over all, "
                         + "per enterprise and per city, each with its numerator, denominator and the tickets that count against it. The Data Bureau and the "
                         + "Intranet Office read the region, a coordinator their city, an enterprise's manager their enterprise.");
        return app;
    }
}
