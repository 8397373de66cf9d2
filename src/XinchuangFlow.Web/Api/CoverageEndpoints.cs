using System.Security.Claims;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Web.Security;
using XinchuangFlow.Web.Text;

namespace XinchuangFlow.Web.Api;

/// <summary>The network coverage map (NET-3, DSH-1) and the liaisons (NET-4), scoped by the access service.</summary>
public static class CoverageEndpoints
{
    public sealed record LiaisonDto(string Party, string Kind, string? CityCode, Guid? EnterpriseId, string PartyName, string? Name, string? Phone,
        string? DeputyName, string? DeputyPhone, DateTimeOffset? UpdatedAt, bool MayEdit);

    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Network");

        api.MapGet("/coverage", async (ClaimsPrincipal user, CoverageService coverage, CancellationToken ct) => Results.Ok(await coverage.MapAsync(user.ToActor(), ct)))
            .WithSummary("The coverage map (NET-3, DSH-1): each county of the caller's reach with how many active integrators on the shortlist have a service "
                         + "point there (0: uncovered). The region for the Data Bureau and the Intranet Office, the city's counties for a coordinator, the "
                         + "enterprise's own coverage for its manager; 403 for anyone else.");
        api.MapGet("/coverage/counties/{county}", async (string county, ClaimsPrincipal user, CoverageService coverage, CancellationToken ct) =>
                Results.Ok(await coverage.CountyAsync(user.ToActor(), county, ct)))
            .WithSummary("A county of the map: every enterprise the caller sees with whether it covers the county, its service points there and their "
                         + "technicians holding a certificate valid today. A county outside the caller's reach is 404.");
        api.MapGet("/coverage/counties/{county}/export", async (string county, ClaimsPrincipal user, CoverageService coverage, TimeProvider clock, CancellationToken ct) =>
            {
                var detail = await coverage.CountyAsync(user.ToActor(), county, ct);
                var stream = new MemoryStream();
                await CoverageService.WriteExcelAsync(detail, stream, key => SharedTexts.Find(key) ?? key, ct);
                stream.Position = 0;
                return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    $"coverage-{detail.County.CountyCode}-{Times.Date(detail.Today)}.xlsx");
            })
            .WithSummary("The county's list as an Excel workbook: one row per enterprise and service point, in the caller's language.");

        api.MapGet("/liaisons", async (ClaimsPrincipal user, LiaisonService liaisons, CancellationToken ct) =>
                (await liaisons.ListAsync(user.ToActor(), PartyName, ct)).Select(Shape))
            .WithSummary("Liaisons per party and city (NET-4): the Data Bureau, the Intranet Office, the 14 cities' coordinators and the enterprises, each "
                         + "with its liaison, phone and deputy (null until named) and whether the caller may edit it. For everyone working in the platform.");
        api.MapPut("/liaisons/{party}", async (string party, LiaisonRequest body, ClaimsPrincipal user, LiaisonService liaisons, CancellationToken ct) =>
            {
                var saved = await liaisons.SaveAsync(user.ToActor(), party, new LiaisonInput(body.Name, body.Phone, body.DeputyName, body.DeputyPhone), ct);
                return Results.Ok(new { party = saved.Party, name = saved.Name, phone = saved.Phone, deputyName = saved.DeputyName, deputyPhone = saved.DeputyPhone, updatedAt = saved.UpdatedAt });
            })
            .WithSummary("Names a party's liaison (party: data-bureau, intranet-office, city-4501, enterprise-{id}): each party its own, the Data Bureau "
                         + "any; audited with before and after. 403 for another party's, 404 for no such party, 400 with the problems.");
        return app;
    }

    /// <summary>The Data Bureau's and the Intranet Office's names in the reader's language.</summary>
    public static string PartyName(string kind) => SharedTexts.Find("Liaison.Party." + kind) ?? kind;

    private static LiaisonDto Shape(LiaisonRow r) => new(r.Party.Key, r.Party.Kind, r.Party.CityCode, r.Party.EnterpriseId, r.PartyName, r.Liaison?.Name,
        r.Liaison?.Phone, r.Liaison?.DeputyName, r.Liaison?.DeputyPhone, r.Liaison?.UpdatedAt, r.MayEdit);
}

/// <summary>A party's liaison: name and phone, and a deputy (both or neither).</summary>
public sealed record LiaisonRequest(string? Name, string? Phone, string? DeputyName, string? DeputyPhone);
