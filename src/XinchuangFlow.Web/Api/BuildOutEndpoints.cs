using System.Security.Claims;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>The build-out evaluation (ASM-4) over HTTP. Thin: the build-out service decides who may and what is seen.</summary>
public static class BuildOutEndpoints
{
    /// <summary>The Data Bureau opens an enterprise's evaluation: the day the enterprise was awarded its place (due two months later).</summary>
    public sealed record OpenBody(Guid? EnterpriseId, DateOnly? AwardedOn);

    /// <summary>An item's self-assessment, as the enterprise writes it.</summary>
    public sealed record ItemBody(string? SelfAssessment);

    /// <summary>The Data Bureau's score of an item (0 to the item's most, in tenths) and its comment.</summary>
    public sealed record ScoreBody(double? Score, string? Comment);

    /// <summary>The Data Bureau's review: outcome confirm or return, and the comment (required to return).</summary>
    public sealed record ReviewBody(string? Outcome, string? Comment);

    public static IEndpointRouteBuilder MapBuildOutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/buildout").RequireAuthorization().WithTags("Assessment");
        api.MapGet("", async (ClaimsPrincipal user, BuildOutService service, CancellationToken ct) =>
                Results.Ok((await service.ListAsync(user.ToActor(), ct)).Select(r => new
                {
                    enterpriseId = r.Enterprise.Id, enterpriseName = r.Enterprise.Name, evaluation = r.Evaluation is { } e ? Shape(e) : null, overdue = r.Overdue,
                })))
            .WithSummary("The integrators the caller may see with their newest build-out evaluation (status, round, total, grade, due day) and whether it is overdue.");
        api.MapPost("", async (OpenBody body, ClaimsPrincipal user, BuildOutService service, CancellationToken ct) =>
            {
                var opened = await service.OpenAsync(user.ToActor(), body.EnterpriseId ?? Guid.Empty, body.AwardedOn, ct);
                return Results.Created($"/api/buildout/{opened.EnterpriseId}", Shape(opened));
            })
            .WithSummary("The Data Bureau opens an enterprise's build-out evaluation (the next round after a reviewed one) with the day it was awarded; due two "
                         + "months later. One still under way is a 409.");
        api.MapGet("/{enterpriseId:guid}", async (Guid enterpriseId, ClaimsPrincipal user, BuildOutService service, CancellationToken ct) =>
                Results.Ok(View(await service.GetAsync(user.ToActor(), enterpriseId, ct))))
            .WithSummary("The enterprise's newest evaluation: the six items with the self-assessment, the measured figures and the points they suggest, the "
                         + "evidence files, the Data Bureau's scores, and the history. Another enterprise's (for its managers) is a 404.");
        api.MapPut("/{enterpriseId:guid}/items/{item}", async (Guid enterpriseId, string item, ItemBody body, ClaimsPrincipal user, BuildOutService service, CancellationToken ct) =>
            {
                var saved = await service.SaveItemAsync(user.ToActor(), enterpriseId, item, body.SelfAssessment, ct);
                return Results.Ok(new { code = saved.Code, selfAssessment = saved.SelfAssessment });
            })
            .WithSummary("The enterprise's manager writes an item's self-assessment (entry, system, network, platform, training, knowledge) while it is filled in.");
        api.MapPost("/{enterpriseId:guid}/items/{item}/evidence", async (Guid enterpriseId, string item, HttpRequest request, ClaimsPrincipal user, BuildOutService service, CancellationToken ct) =>
            {
                // One file per request, as the raw body; its name in X-File-Name (URL-encoded), as a ticket's files.
                var name = Uri.UnescapeDataString(request.Headers["X-File-Name"].ToString());
                return Results.Ok(await service.AddEvidenceAsync(user.ToActor(), enterpriseId, item, name, request.Body, ct));
            })
            .WithSummary("The enterprise's manager adds an evidence file to an item (raw body, name in X-File-Name): PNG, JPEG, GIF, WebP, PDF or UTF-8 text, "
                         + "checked by content; the same file again returns the first.");
        api.MapGet("/{enterpriseId:guid}/items/{item}/evidence/{fileId:guid}",
                async (Guid enterpriseId, string item, Guid fileId, ClaimsPrincipal user, BuildOutService service, HttpResponse response, CancellationToken ct) =>
                    AttachmentEndpoints.Serve(await service.EvidenceAsync(user.ToActor(), enterpriseId, item, fileId, ct), response))
            .WithSummary("An evidence file of an item: images inline, others as a download.");
        api.MapPost("/{enterpriseId:guid}/submit", async (Guid enterpriseId, ClaimsPrincipal user, BuildOutService service, CancellationToken ct) =>
                Results.Ok(Shape(await service.SubmitAsync(user.ToActor(), enterpriseId, ct))))
            .WithSummary("The enterprise's manager submits the self-assessment (every item written); the measured figures are kept as they are now. A second "
                         + "submission is a 409 (buildout-not-filling).");
        api.MapPut("/{enterpriseId:guid}/items/{item}/score", async (Guid enterpriseId, string item, ScoreBody body, ClaimsPrincipal user, BuildOutService service, CancellationToken ct) =>
            {
                var scored = await service.ScoreItemAsync(user.ToActor(), enterpriseId, item, body.Score, body.Comment, ct);
                return Results.Ok(new { code = scored.Code, score = scored.Score, comment = scored.Comment });
            })
            .WithSummary("The Data Bureau scores an item of a submitted evaluation (0 to its most points, in tenths) with an optional comment.");
        api.MapPost("/{enterpriseId:guid}/review", async (Guid enterpriseId, ReviewBody body, ClaimsPrincipal user, BuildOutService service, CancellationToken ct) =>
                Results.Ok(Shape(await service.ReviewAsync(user.ToActor(), enterpriseId, body.Outcome, body.Comment, ct))))
            .WithSummary("The Data Bureau returns the evaluation with a comment (the enterprise fills it in again) or confirms it (every item scored): the total "
                         + "and its band (excellent, pass, basic-pass, fail) are the result; basic-pass or worse records a rectification order.");
        return app;
    }

    private static object Shape(BuildOutEvaluation e) => new
    {
        id = e.Id, enterpriseId = e.EnterpriseId, enterpriseName = e.EnterpriseName, round = e.Round, awardedOn = e.AwardedOn, dueOn = e.DueOn, status = e.Status,
        total = e.Total, grade = e.Grade, consequence = e.Consequence, returns = e.Returns, submittedAt = e.SubmittedAt, submittedBy = e.SubmittedBy,
        reviewedAt = e.ReviewedAt, reviewedBy = e.ReviewedBy, reviewComment = e.ReviewComment,
    };

    private static object View(BuildOutView v) => new
    {
        evaluation = Shape(v.Evaluation), overdue = v.Overdue, mayFill = v.MayFill, mayReview = v.MayReview,
        items = v.Items.Select(i => new
        {
            code = i.Item.Code, max = i.Max, selfAssessment = i.Item.SelfAssessment, score = i.Item.Score, comment = i.Item.Comment,
            suggested = i.Measure?.Suggested, figures = i.Measure?.Figures, missing = i.Measure?.Missing,
            evidence = i.Evidence.Select(f => new { id = f.Id, fileName = f.FileName, contentType = f.ContentType, size = f.Size, uploadedBy = f.UploadedBy, uploadedAt = f.UploadedAt }),
        }),
        history = v.History.Select(h => new { at = h.At, by = h.By, action = h.Action, item = h.Item, note = h.Note }),
    };
}
