using XinchuangFlow.Domain.Time;
using System.Security.Claims;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>Reference data and the service network (NET-1..3), scoped: an enterprise's staff see their own enterprise only.</summary>
public static class NetworkEndpoints
{
    public sealed record CityDto(string Code, string Name, IReadOnlyList<CountyDto> Counties);
    public sealed record CountyDto(string Code, string Name);
    public sealed record TechnicianDto(Guid Id, string Name, string UserName, Guid ServicePointId, int CapabilityLevel, bool Active, IReadOnlyList<CertificateDto> Certificates,
        IReadOnlyList<string>? Categories = null);
    public sealed record CertificateDto(string ProductCategory, string ProductCategoryName, DateOnly ValidFrom, DateOnly ValidUntil, bool Valid);

    public static IEndpointRouteBuilder MapNetworkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Network");

        api.MapGet("/divisions", (GuangxiDivisions divisions) =>
            divisions.Cities.Select(c => new CityDto(c.Code, c.Name, divisions.CountiesOf(c.Code).Select(k => new CountyDto(k.Code, k.Name)).ToList())))
            .WithSummary("Guangxi's 14 prefecture-level cities with their 111 county-level divisions.");

        api.MapGet("/product-categories", () => ProductCategories.Names.Select(kv => new { code = kv.Key, name = kv.Value }));

        api.MapGet("/enterprises", async (ClaimsPrincipal user, NetworkService network, CancellationToken ct) =>
            await network.EnterprisesAsync(user.ToActor(), ct));
        api.MapGet("/enterprises/{id:guid}", async (Guid id, ClaimsPrincipal user, NetworkService network, CancellationToken ct) =>
            Results.Ok(await network.GetEnterpriseAsync(user.ToActor(), id, ct)));
        api.MapGet("/enterprises/{id:guid}/service-points", async (Guid id, ClaimsPrincipal user, NetworkService network, CancellationToken ct) =>
            Results.Ok(await network.ServicePointsAsync(user.ToActor(), id, ct)));
        api.MapGet("/enterprises/{id:guid}/technicians", async (Guid id, ClaimsPrincipal user, NetworkService network, TimeProvider clock, CancellationToken ct) =>
        {
            var (technicians, certificates) = await network.TechniciansAsync(user.ToActor(), id, ct);
            var today = ChinaTime.Today(clock);
            return Results.Ok(technicians.Select(t => new TechnicianDto(t.Id, t.Name, t.UserName, t.ServicePointId, t.CapabilityLevel, t.Active,
                certificates[t.Id].OrderBy(c => c.ProductCategory).Select(c => new CertificateDto(c.ProductCategory,
                    ProductCategories.Names.GetValueOrDefault(c.ProductCategory, c.ProductCategory), c.ValidFrom, c.ValidUntil, c.ValidOn(today))).ToList(), t.Categories)));
        });
        api.MapGet("/enterprises/{id:guid}/coverage", async (Guid id, ClaimsPrincipal user, NetworkService network, GuangxiDivisions divisions, CancellationToken ct) =>
            Results.Ok(await network.CoverageAsync(user.ToActor(), id, divisions, ct)))
            .WithSummary("Counties where the enterprise has no service point (NET-3).");
        api.MapGet("/enterprises/{id:guid}/shortlist", async (Guid id, ClaimsPrincipal user, ShortlistService shortlist, CancellationToken ct) =>
                Results.Ok((await shortlist.DecisionsAsync(user.ToActor(), id, ct)).Select(DecisionShape)))
            .WithSummary("The enterprise's shortlist decisions (ASM-3), newest first: suspensions, restorations and rectification orders, with the reason, "
                         + "who and when, and the quarter that led to it.");
        api.MapPost("/enterprises/{id:guid}/shortlist", async (Guid id, ShortlistRequest body, ClaimsPrincipal user, ShortlistService shortlist, CancellationToken ct) =>
                Results.Ok(DecisionShape(await shortlist.DecideAsync(user.ToActor(), id, body.Action, body.Reason, ct))))
            .WithSummary("The Data Bureau suspends an enterprise from dispatch (action=suspend) or restores it after rectification (action=restore) or removes it from the shortlist (action=remove), with "
                         + "a reason; recorded and audited. A suspended enterprise gets no new dispatch. 409 when the decision does not apply.");
        return app;
    }

    private static object DecisionShape(ShortlistDecision d) => new
    {
        id = d.Id, enterpriseId = d.EnterpriseId, action = d.Action, from = d.FromStatus.ToString(), to = d.ToStatus.ToString(), reason = XinchuangFlow.Web.Text.ShortlistReasons.Text(d.Reason),
        quarter = d.Quarter, at = d.At, by = d.By,
    };
}

/// <summary>A shortlist decision: <c>suspend</c>, <c>restore</c> or <c>remove</c>, and why.</summary>
public sealed record ShortlistRequest(string? Action, string? Reason);
