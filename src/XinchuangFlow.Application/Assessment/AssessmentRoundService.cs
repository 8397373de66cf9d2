using System.Text.Json;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Time;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Assessment;

/// <summary>A round as a reader sees it: the round and the results they may see.</summary>
public sealed record AssessmentRoundView(AssessmentRound Round, IReadOnlyList<AssessmentResult> Results);

/// <summary>One enterprise's result with its explanation (the score as computed) and its history.</summary>
public sealed record AssessmentResultView(AssessmentRound Round, AssessmentResult Result, AssessmentScore? Score, IReadOnlyList<CaseEvent> History);

/// <summary>
/// The quarterly assessment procedure (ASM-2): the Data Bureau (or the quarterly schedule) computes a quarter that has
/// ended — the <c>assessment-quarter</c> flow stores the draft and opens one objection flow per enterprise —; each
/// enterprise's managers accept or object in their inbox; the Data Bureau rules on each objection; when all are settled
/// the round is published and frozen. Computing a published quarter again is a new revision with its reason, audited.
/// Who reads what is the access service's: the Data Bureau and the Intranet Office every result, an enterprise its own, a
/// municipal coordinator the published results.
/// </summary>
public sealed class AssessmentRoundService(IAssessmentRounds rounds, WorkflowRuntime runtime, AccessService access, ICaseDirectory cases, IAuditLog audit, TimeProvider clock)
{
    public const string AuditKind = "assessment";

    /// <summary>Starts the computation of <paramref name="quarter"/> (an ended quarter with no round open); a published quarter needs a reason.</summary>
    public async Task<Guid> StartAsync(Actor actor, string quarter, string? reason, CancellationToken ct = default)
    {
        if (!access.MayRunAssessment(actor))
            throw access.Denied(actor, "compute a quarter's assessment", "The Data Bureau computes the quarterly assessment.");
        var period = KpiService.PeriodOf(quarter, null, null);
        var q = quarter.Trim().ToUpperInvariant();
        if (period.To > clock.GetUtcNow())
            throw new StateConflictException(Problem.Of(AssessmentProblems.QuarterRunning, "quarter", $"{q} has not ended yet.", ("quarter", q)));
        return await StartAsync(q, reason, actor.UserName, ct);
    }

    /// <summary>The quarterly schedule's start (no user): the quarter just ended, once.</summary>
    public async Task<Guid?> StartScheduledAsync(string quarter, CancellationToken ct = default)
    {
        if (await rounds.LastRevisionAsync(quarter, ct) > 0) return null;
        try
        {
            return await StartAsync(quarter, null, null, ct);
        }
        catch (StateConflictException)
        {
            return null;   // another node's schedule started it a moment ago
        }
    }

    private async Task<Guid> StartAsync(string quarter, string? reason, string? user, CancellationToken ct)
    {
        if (await rounds.OpenRoundAsync(quarter, ct) is { } open)
            throw new StateConflictException(Problem.Of(AssessmentProblems.RoundOpen, null, $"{quarter} revision {open.Revision} is still open.", ("quarter", quarter), ("revision", open.Revision)));
        var revision = await rounds.LastRevisionAsync(quarter, ct) + 1;
        reason = reason is { } r && TextRules.HasVisibleText(r) ? r.Trim() : null;
        if (revision > 1 && reason is null)
            throw new InvalidInputException(Problem.Of(AssessmentProblems.RevisionReason, "reason", $"{quarter} was computed before; say why it is computed again.", ("quarter", quarter)));
        var instance = await runtime.StartAsync(new StartRequest(CaseFlows.AssessmentQuarter, new JsonObject { ["quarter"] = quarter, ["reason"] = reason },
            CorrelationId: $"{quarter}-r{revision}", User: user), ct);
        await audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = user, EntityKind = AuditKind, EntityId = quarter, Action = revision == 1 ? "compute-quarter" : "recompute-quarter",
            After = JsonSerializer.Serialize(new { quarter, revision, reason, instance = instance.Id }),
        }, ct);
        return instance.Id;
    }

    /// <summary>The rounds a reader may see, newest first (a coordinator: the published ones).</summary>
    public async Task<IReadOnlyList<AssessmentRound>> RoundsAsync(Actor actor, CancellationToken ct = default)
    {
        var reach = Reach(actor);
        return await rounds.RoundsAsync(publishedOnly: reach.City is not null, ct);
    }

    /// <summary>A round with the results the reader may see; another's round they may not see is a logged 404.</summary>
    public async Task<AssessmentRoundView> RoundAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var reach = Reach(actor);
        var round = await rounds.FindRoundAsync(id, ct);
        if (round is null || (reach.City is not null && round.Status == AssessmentRoundStatus.Open)) throw access.NotFound(actor, "assessment round", id);
        return new AssessmentRoundView(round, await rounds.ResultsAsync(id, reach.Enterprise, ct));
    }

    /// <summary>One result explained (every indicator, the tickets behind it) with its history; out of reach is a logged 404.</summary>
    public async Task<AssessmentResultView> ResultAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var reach = Reach(actor);
        var result = await rounds.FindResultAsync(id, ct);
        var round = result is null ? null : await rounds.FindRoundAsync(result.RoundId, ct);
        if (result is null || round is null || (reach.Enterprise is { } own && result.EnterpriseId != own) || (reach.City is not null && round.Status == AssessmentRoundStatus.Open))
            throw access.NotFound(actor, "assessment result", id);
        AssessmentScore? score = null;
        try { score = JsonSerializer.Deserialize<AssessmentScore>(result.Score, AssessmentActivities.Json); }
        catch (JsonException) { }
        return new AssessmentResultView(round, result, score, await cases.HistoryAsync(result.Id, ct));
    }

    /// <summary>
    /// The results of a round as an Excel sheet headed in the reader's language (<paramref name="text"/>: key → text);
    /// returns the file's name.
    /// </summary>
    public async Task<string> WriteExcelAsync(Actor actor, Guid roundId, Stream output, Func<string, string?> text, CancellationToken ct = default)
    {
        var view = await RoundAsync(actor, roundId, ct);
        string T(string key) => text(key) ?? key;
        string Grade(string code) => text("Assessment.Grade." + code) ?? code;
        var rows = view.Results.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            [T("Assessment.Col.quarter")] = r.Quarter,
            [T("Assessment.Col.revision")] = r.Revision,
            [T("Assessment.Col.enterprise")] = r.EnterpriseName,
            [T("Assessment.Col.total")] = r.Total,
            [T("Assessment.Col.computedGrade")] = Grade(r.ComputedGrade),
            [T("Assessment.Col.grade")] = Grade(r.Grade),
            [T("Assessment.Col.redLine")] = T(r.BelowRedLine ? "Export.Yes" : "Export.No"),
            [T("Assessment.Col.status")] = T("Assessment.Status." + r.Status),
            [T("Assessment.Col.objection")] = r.Objection ?? "",
            [T("Assessment.Col.ruling")] = r.Ruling is { } ruling ? T("Assessment.Ruling." + ruling) : "",
            [T("Assessment.Col.rulingReason")] = r.RulingReason ?? "",
            [T("Assessment.Col.publishedAt")] = view.Round.PublishedAt is { } at ? ChinaTime.ToChina(at).DateTime : null,
        }).ToList();
        await Task.Run(() => MiniExcel.SaveAs(output, rows, sheetName: T("Assessment.Sheet"), excelType: ExcelType.XLSX), ct);
        return $"assessment-{view.Round.Quarter}-r{view.Round.Revision}.xlsx";
    }

    private DataReach Reach(Actor actor) => access.AssessmentReachOf(actor)
        ?? throw access.Denied(actor, "read the quarterly assessment", "The assessment is for the Data Bureau, the Intranet Office, the municipal coordinators and the enterprises' managers.");
}
