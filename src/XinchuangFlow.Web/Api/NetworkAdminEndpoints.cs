using System.Security.Claims;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Time;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>
/// Managing the service network (NET-2, NET-3): the Data Bureau's enterprises, an enterprise's own points, technicians,
/// certificates (with scans) and training records, and its Excel export and import. Thin: the
/// <see cref="NetworkAdminService"/> and <see cref="NetworkExcelService"/> decide.
/// </summary>
public static class NetworkAdminEndpoints
{
    public const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record CertificateRow(string? Number, Guid TechnicianId, string ProductCategory, string ProductCategoryName, DateOnly ValidFrom, DateOnly ValidUntil,
        string State, bool HasScan);

    public static IEndpointRouteBuilder MapNetworkAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/enterprises").RequireAuthorization().WithTags("Network");

        api.MapPost("", async (EnterpriseInput body, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
            {
                var created = await admin.CreateEnterpriseAsync(user.ToActor(), body, ct);
                return Results.Created($"/api/enterprises/{created.Id}", created);
            })
            .WithSummary("The Data Bureau adds an enterprise (name, kind Integrator or ProductVendor); it starts active on the shortlist. Audited.");
        api.MapPut("/{id:guid}", async (Guid id, EnterpriseInput body, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
                Results.Ok(await admin.UpdateEnterpriseAsync(user.ToActor(), id, body, ct)))
            .WithSummary("The Data Bureau renames an enterprise or changes its kind (the shortlist status changes through /shortlist). Audited before/after.");

        api.MapPost("/{id:guid}/service-points", async (Guid id, ServicePointInput body, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
                Results.Ok(await admin.SavePointAsync(user.ToActor(), id, null, body, ct)))
            .WithSummary("The enterprise's manager adds a service point (name, kind, county code, address, opening hours, phone). Audited.");
        api.MapPut("/{id:guid}/service-points/{pointId:guid}", async (Guid id, Guid pointId, ServicePointInput body, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
                Results.Ok(await admin.SavePointAsync(user.ToActor(), id, pointId, body, ct)))
            .WithSummary("The enterprise's manager edits one of its service points. Audited before/after.");
        api.MapPost("/{id:guid}/service-points/{pointId:guid}/deactivate", async (Guid id, Guid pointId, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
                Results.Ok(await admin.DeactivatePointAsync(user.ToActor(), id, pointId, ct)))
            .WithSummary("Takes a service point out of service; 409 while active technicians work from it.");

        api.MapPost("/{id:guid}/technicians", async (Guid id, TechnicianInput body, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
                Results.Ok(Shape(await admin.SaveTechnicianAsync(user.ToActor(), id, null, body, ct))))
            .WithSummary("The enterprise's manager adds a technician (name, login, service point, level 1–3, categories, phone). Audited.");
        api.MapPut("/{id:guid}/technicians/{technicianId:guid}", async (Guid id, Guid technicianId, TechnicianInput body, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
                Results.Ok(Shape(await admin.SaveTechnicianAsync(user.ToActor(), id, technicianId, body, ct))))
            .WithSummary("The enterprise's manager edits one of its technicians. Audited before/after.");
        api.MapPost("/{id:guid}/technicians/{technicianId:guid}/deactivate", async (Guid id, Guid technicianId, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
                Results.Ok(Shape(await admin.DeactivateTechnicianAsync(user.ToActor(), id, technicianId, ct))))
            .WithSummary("Deactivates a technician: no more dispatch to them. Audited.");

        api.MapGet("/{id:guid}/certificates", async (Guid id, ClaimsPrincipal user, NetworkAdminService admin, TimeProvider clock, CancellationToken ct) =>
            {
                var view = await admin.ViewAsync(user.ToActor(), id, ct);
                var today = ChinaTime.Today(clock);
                return Results.Ok(view.Certificates.SelectMany(g => g).Select(c => Row(c, today)));
            })
            .WithSummary("The certificates of the enterprise's technicians (a coordinator: of its city), with their state today: Valid, ExpiringSoon (30 days), Expired, NotYetValid.");
        api.MapPut("/{id:guid}/certificates/{number}", async (Guid id, string number, CertificateInput body, ClaimsPrincipal user, NetworkAdminService admin, TimeProvider clock, CancellationToken ct) =>
                Results.Ok(Row(await admin.SaveCertificateAsync(user.ToActor(), id, number, body, ct), ChinaTime.Today(clock))))
            .WithSummary("Creates or updates the certificate with this number (technician, category, valid from/until). Audited before/after.");
        api.MapDelete("/{id:guid}/certificates/{number}", async (Guid id, string number, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
            {
                await admin.RemoveCertificateAsync(user.ToActor(), id, number, ct);
                return Results.NoContent();
            })
            .WithSummary("Removes a certificate recorded by mistake. Audited.");
        api.MapPost("/{id:guid}/certificates/{number}/scan", async (Guid id, string number, HttpRequest request, ClaimsPrincipal user, NetworkAdminService admin, TimeProvider clock, CancellationToken ct) =>
            {
                var name = Uri.UnescapeDataString(request.Headers["X-File-Name"].ToString());
                return Results.Ok(Row(await admin.UploadScanAsync(user.ToActor(), id, number, name, request.Body, ct), ChinaTime.Today(clock)));
            })
            .WithSummary("Attaches the certificate's scan (raw body, name in X-File-Name): a photo or PDF within the attachment size limit, checked by content.");
        api.MapGet("/{id:guid}/certificates/{number}/scan", async (Guid id, string number, ClaimsPrincipal user, NetworkAdminService admin, HttpResponse response, CancellationToken ct) =>
                AttachmentEndpoints.Serve(await admin.ScanAsync(user.ToActor(), id, number, ct), response))
            .WithSummary("The certificate's scan.");

        api.MapGet("/{id:guid}/training", async (Guid id, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
                Results.Ok((await admin.ViewAsync(user.ToActor(), id, ct)).Training))
            .WithSummary("The training records of the enterprise's technicians, newest first.");
        api.MapPost("/{id:guid}/training", async (Guid id, TrainingInput body, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
                Results.Ok(await admin.SaveTrainingAsync(user.ToActor(), id, null, body, ct)))
            .WithSummary("Records a training (technician, course, day, hours, result Passed/Failed/Attended). Audited.");
        api.MapPut("/{id:guid}/training/{trainingId:guid}", async (Guid id, Guid trainingId, TrainingInput body, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
                Results.Ok(await admin.SaveTrainingAsync(user.ToActor(), id, trainingId, body, ct)))
            .WithSummary("Corrects a training record. Audited before/after.");
        api.MapDelete("/{id:guid}/training/{trainingId:guid}", async (Guid id, Guid trainingId, ClaimsPrincipal user, NetworkAdminService admin, CancellationToken ct) =>
            {
                await admin.RemoveTrainingAsync(user.ToActor(), id, trainingId, ct);
                return Results.NoContent();
            })
            .WithSummary("Removes a training record recorded by mistake. Audited.");

        api.MapGet("/{id:guid}/network.xlsx", async (Guid id, ClaimsPrincipal user, NetworkExcelService excel, CancellationToken ct) =>
                {
                    var export = await excel.ExportAsync(user.ToActor(), id, ct);
                    return Results.File(export.Content, ExcelType, export.FileName);
                })
            .WithSummary("The enterprise's service points, technicians and certificates as an Excel workbook (the import's format, Chinese headers).");
        api.MapPost("/{id:guid}/network.xlsx", async (Guid id, HttpRequest request, ClaimsPrincipal user, NetworkExcelService excel, CancellationToken ct) =>
            {
                var report = await excel.ImportAsync(user.ToActor(), id, request.Body, ct);
                return Results.Ok(new
                {
                    created = report.Count(ImportOutcome.Created), updated = report.Count(ImportOutcome.Updated), unchanged = report.Count(ImportOutcome.Unchanged),
                    rejected = report.Count(ImportOutcome.Rejected),
                    rows = report.Rows.Select(r => new { sheet = r.Sheet, row = r.Row, key = r.Key, outcome = r.Outcome.ToString(), problems = r.Problems }),
                });
            })
            .WithSummary("Imports a workbook (raw body, at most 5 MB; sheets 服务网点, 技术人员, 证书): valid rows are applied together, the report lists every row "
                         + "as Created, Updated, Unchanged or Rejected with its problems. The same file twice changes nothing.");
        return app;
    }

    private static object Shape(Technician t) => new
    {
        t.Id, t.EnterpriseId, t.ServicePointId, t.Name, t.UserName, t.CapabilityLevel, t.Active, t.Categories,
    };

    private static CertificateRow Row(Certificate c, DateOnly today) => new(c.Number, c.TechnicianId, c.ProductCategory,
        ProductCategories.Names.GetValueOrDefault(c.ProductCategory, c.ProductCategory), c.ValidFrom, c.ValidUntil, c.StateOn(today).ToString(), c.ScanId is not null);
}
