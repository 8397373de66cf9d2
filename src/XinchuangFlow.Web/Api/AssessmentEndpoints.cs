using System.Security.Claims;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Web.Security;
using XinchuangFlow.Web.Text;

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
        var assessment = app.MapGroup("/api/assessment").RequireAuthorization().WithTags("Assessment");
        assessment.MapGet("/scores", async (string? quarter, Guid? enterpriseId, ClaimsPrincipal user, AssessmentService service, INetworkRepository network,
                CancellationToken ct) =>
            {
                var sheet = await service.ScoreAsync(user.ToActor(), quarter ?? "", null, enterpriseId, ct);
                var names = await NamesAsync(network, ct);
                return Results.Ok(new
                {
                    from = sheet.Report.Period.From, to = sheet.Report.Period.To, asOf = sheet.Report.AsOf,
                    scores = sheet.Scores.Select(s => Shape(s, names)),
                });
            })
            .WithSummary("A quarter's scores (quarter=2026Q3) by the assessment model in force (rules kind 'assessment'): each enterprise's total, grade, "
                         + "satisfaction red line, and every indicator's value, band, points and weight with the tickets behind it. Scoped like the indicators.");
        assessment.MapPost("/what-if", async (AssessmentWhatIfRequest body, ClaimsPrincipal user, AssessmentService service, INetworkRepository network, CancellationToken ct) =>
            {
                var rows = await service.WhatIfAsync(user.ToActor(), body.Quarter ?? "", body.Model?.ToJsonString() ?? "", ct);
                var names = await NamesAsync(network, ct);
                return Results.Ok(rows.Select(r => new { enterpriseId = r.EnterpriseKey, current = Shape(r.Current, names), proposed = Shape(r.Proposed, names) }));
            })
            .ReadsOnly()
            .WithSummary("What a proposed assessment model would make of a past quarter: each enterprise's score and grade by the model in force and by the "
                         + "proposed one. Writes nothing; a proposed model that does not hold is a 400 naming every problem.");
        assessment.MapGet("/rounds", async (ClaimsPrincipal user, AssessmentRoundService rounds, CancellationToken ct) =>
                Results.Ok((await rounds.RoundsAsync(user.ToActor(), ct)).Select(RoundShape)))
            .WithSummary("The quarterly assessment rounds, newest first: quarter, revision, status (open: objections pending; published; superseded by a "
                         + "revision), the model version, the objection deadline. A municipal coordinator sees the published ones.");
        assessment.MapPost("/rounds", async (AssessmentRoundRequest body, ClaimsPrincipal user, AssessmentRoundService rounds, CancellationToken ct) =>
            {
                var instance = await rounds.StartAsync(user.ToActor(), body.Quarter ?? "", body.Reason, ct);
                return Results.Accepted($"/api/workflow-instances/{instance}", new { instanceId = instance });
            })
            .WithSummary("Computes an ended quarter (the Data Bureau): the quarter's procedure starts — draft results, an objection task per enterprise, the "
                         + "Data Bureau's rulings, publication. 409 while the quarter's round is open or before the quarter ends; computing a published "
                         + "quarter again is a new revision and needs a reason.");
        assessment.MapGet("/rounds/{id:guid}", async (Guid id, ClaimsPrincipal user, AssessmentRoundService rounds, CancellationToken ct) =>
            {
                var view = await rounds.RoundAsync(user.ToActor(), id, ct);
                return Results.Ok(new { round = RoundShape(view.Round), results = view.Results.Select(ResultShape) });
            })
            .WithSummary("A round with the results the caller may see (an enterprise's manager: their own).");
        assessment.MapGet("/rounds/{id:guid}/export", async (Guid id, ClaimsPrincipal user, AssessmentRoundService rounds, CancellationToken ct) =>
            {
                var file = new MemoryStream();
                var name = await rounds.WriteExcelAsync(user.ToActor(), id, file, key => SharedTexts.Find(key), ct);
                file.Position = 0;
                return Results.File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
            })
            .WithSummary("A round's results as an Excel workbook headed in the caller's language.");
        assessment.MapGet("/results/{id:guid}", async (Guid id, ClaimsPrincipal user, AssessmentRoundService rounds, INetworkRepository network, CancellationToken ct) =>
            {
                var view = await rounds.ResultAsync(user.ToActor(), id, ct);
                var names = await NamesAsync(network, ct);
                return Results.Ok(new
                {
                    round = RoundShape(view.Round), result = ResultShape(view.Result), score = view.Score is { } s ? Shape(s, names) : null,
                    history = view.History.Select(e => new { at = e.At, kind = e.Kind, user = e.User, from = e.FromStatus, to = e.ToStatus, note = e.Note }),
                });
            })
            .WithSummary("One enterprise's result explained — every indicator's value, band, points and the tickets behind it — with its objection, "
                         + "ruling and history. Another enterprise's result is a 404 for an enterprise's manager.");
        return app;
    }

    private static object RoundShape(AssessmentRound r) => new
    {
        id = r.Id, quarter = r.Quarter, revision = r.Revision, status = r.Status, modelVersion = r.ModelVersion, computedAt = r.ComputedAt,
        objectionUntil = r.ObjectionUntil, publishedAt = r.PublishedAt, startedBy = r.StartedBy, reason = r.Reason, instanceId = r.InstanceId,
    };

    private static object ResultShape(AssessmentResult r) => new
    {
        id = r.Id, roundId = r.RoundId, instanceId = r.InstanceId, quarter = r.Quarter, revision = r.Revision, enterpriseId = r.EnterpriseId, enterpriseName = r.EnterpriseName,
        status = r.Status, total = r.Total, computedGrade = r.ComputedGrade, grade = r.Grade, belowRedLine = r.BelowRedLine,
        objection = r.Objection, evidence = r.Evidence, objectedAt = r.ObjectedAt, ruling = r.Ruling, rulingReason = r.RulingReason, ruledAt = r.RuledAt,
    };

    private static async Task<Dictionary<string, string>> NamesAsync(INetworkRepository network, CancellationToken ct) =>
        (await network.EnterprisesAsync(ct)).ToDictionary(e => e.Id.ToString(), e => e.Name);

    private static object Shape(AssessmentScore s, IReadOnlyDictionary<string, string> names) => new
    {
        enterpriseId = s.Key, name = names.GetValueOrDefault(s.Key), total = s.Total, grade = s.Grade, satisfied = s.Satisfied, belowRedLine = s.BelowRedLine,
        gradeBeforeRedLine = s.GradeBeforeRedLine,
        indicators = s.Indicators.Select(i => new
        {
            code = i.Code, weight = i.Weight, effectiveWeight = i.EffectiveWeight, value = i.Figure.Value, numerator = i.Figure.Numerator, denominator = i.Figure.Denominator,
            minCount = i.MinCount, scored = i.Scored, bandAt = i.Band?.At, points = i.Points, contribution = i.Contribution, against = i.Figure.Against, againstTotal = i.Figure.AgainstTotal,
        }),
    };
}

/// <summary>A what-if of the assessment model: the quarter and the proposed model (the rules document).</summary>
public sealed record AssessmentWhatIfRequest(string? Quarter, System.Text.Json.Nodes.JsonObject? Model);

/// <summary>A quarter to compute, and why when it was computed before.</summary>
public sealed record AssessmentRoundRequest(string? Quarter, string? Reason);
