using System.Security.Claims;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>Reference data and the service network (NET-1..3), scoped: an enterprise's staff see their own enterprise only.</summary>
public static class NetworkEndpoints
{
    public sealed record CityDto(string Code, string Name, IReadOnlyList<CountyDto> Counties);
    public sealed record CountyDto(string Code, string Name);
    public sealed record TechnicianDto(Guid Id, string Name, string UserName, Guid ServicePointId, int CapabilityLevel, bool Active, IReadOnlyList<CertificateDto> Certificates);
    public sealed record CertificateDto(string ProductCategory, string ProductCategoryName, DateOnly ValidFrom, DateOnly ValidUntil, bool Valid);

    public static IEndpointRouteBuilder MapNetworkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Network");

        api.MapGet("/divisions", (GuangxiDivisions divisions) =>
            divisions.Cities.Select(c => new CityDto(c.Code, c.Name, divisions.CountiesOf(c.Code).Select(k => new CountyDto(k.Code, k.Name)).ToList())))
            .WithSummary("Guangxi's 14 prefecture-level cities with their 111 county-level divisions.");

        api.MapGet("/product-categories", () => ProductCategories.Names.Select(kv => new { code = kv.Key, name = kv.Value }));

        api.MapGet("/enterprises", async (ClaimsPrincipal user, INetworkRepository network, CancellationToken ct) =>
        {
            var all = await network.EnterprisesAsync(ct);
            return user.EnterpriseId() is { } own && !SeesAllEnterprises(user) ? all.Where(e => e.Id == own).ToList() : all;
        });
        api.MapGet("/enterprises/{id:guid}", async (Guid id, ClaimsPrincipal user, INetworkRepository network, ILoggerFactory logs, CancellationToken ct) =>
            await InScopeAsync(id, user, network, logs, ct) is { } e ? Results.Ok(e) : Results.NotFound());
        api.MapGet("/enterprises/{id:guid}/service-points", async (Guid id, ClaimsPrincipal user, INetworkRepository network, ILoggerFactory logs, CancellationToken ct) =>
            await InScopeAsync(id, user, network, logs, ct) is null ? Results.NotFound() : Results.Ok(await network.ServicePointsAsync(id, ct)));
        api.MapGet("/enterprises/{id:guid}/technicians", async (Guid id, ClaimsPrincipal user, INetworkRepository network, TimeProvider clock, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (await InScopeAsync(id, user, network, logs, ct) is null) return Results.NotFound();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
            var certificates = (await network.CertificatesAsync(id, ct)).ToLookup(c => c.TechnicianId);
            return Results.Ok((await network.TechniciansAsync(id, ct)).Select(t => new TechnicianDto(t.Id, t.Name, t.UserName, t.ServicePointId, t.CapabilityLevel, t.Active,
                certificates[t.Id].OrderBy(c => c.ProductCategory).Select(c => new CertificateDto(c.ProductCategory,
                    ProductCategories.Names.GetValueOrDefault(c.ProductCategory, c.ProductCategory), c.ValidFrom, c.ValidUntil, c.ValidOn(today))).ToList())));
        });
        api.MapGet("/enterprises/{id:guid}/coverage", async (Guid id, ClaimsPrincipal user, INetworkRepository network, GuangxiDivisions divisions, ILoggerFactory logs, CancellationToken ct) =>
            await InScopeAsync(id, user, network, logs, ct) is { } e
                ? Results.Ok(CoverageReport.Build(e, await network.ServicePointsAsync(id, ct), divisions))
                : Results.NotFound())
            .WithSummary("Counties where the enterprise has no service point (NET-3).");
        return app;
    }

    /// <summary>Region-wide roles see every enterprise; enterprise staff only their own.</summary>
    private static bool SeesAllEnterprises(ClaimsPrincipal user) =>
        user.IsInRole(Roles.DataBureauAdmin) || user.IsInRole(Roles.IntranetSupervisor) || user.IsInRole(Roles.MunicipalCoordinator) || user.IsInRole(Roles.Dispatcher);

    private static async Task<Enterprise?> InScopeAsync(Guid id, ClaimsPrincipal user, INetworkRepository network, ILoggerFactory logs, CancellationToken ct)
    {
        if (!SeesAllEnterprises(user) && user.EnterpriseId() != id)
        {
            logs.CreateLogger("Scope").LogWarning("User {User} was refused enterprise {EnterpriseId}", user.Identity?.Name, id);
            return null;
        }
        return await network.FindEnterpriseAsync(id, ct);
    }
}
