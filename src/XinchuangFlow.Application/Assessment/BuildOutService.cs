using System.Text.Json;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Time;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Assessment;

/// <summary>Where build-out evaluations are kept, and what the platform's data say about an enterprise (the database layer implements it).</summary>
public interface IBuildOutStore
{
    /// <summary>The enterprise's newest round, if any.</summary>
    Task<BuildOutEvaluation?> LatestAsync(Guid enterpriseId, CancellationToken ct = default);
    /// <summary>Every enterprise's newest round.</summary>
    Task<IReadOnlyList<BuildOutEvaluation>> LatestOfAllAsync(CancellationToken ct = default);
    Task<IReadOnlyList<BuildOutItem>> ItemsAsync(Guid evaluationId, CancellationToken ct = default);
    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<BuildOutEvent>> HistoryAsync(Guid evaluationId, CancellationToken ct = default);
    /// <summary>A new round with its items; false when the enterprise already has a round of that number.</summary>
    Task<bool> AddAsync(BuildOutEvaluation evaluation, IReadOnlyList<BuildOutItem> items, BuildOutEvent step, CancellationToken ct = default);
    /// <summary>
    /// Writes the evaluation (only while its version is still <paramref name="expectedVersion"/>; the version is raised),
    /// the items given and the step, in one transaction; false when someone else changed it first.
    /// </summary>
    Task<bool> SaveAsync(BuildOutEvaluation evaluation, int expectedVersion, IReadOnlyList<BuildOutItem> items, BuildOutEvent step, CancellationToken ct = default);
    /// <summary>What the data say about the enterprise on <paramref name="day"/> (China time).</summary>
    Task<BuildOutFacts> FactsAsync(Guid enterpriseId, DateOnly day, CancellationToken ct = default);
}

/// <summary>Problem codes of the build-out evaluation.</summary>
[ProblemCodes]
public static class BuildOutProblems
{
    /// <summary>Arguments: status: the evaluation is not being filled in (submitted already, or reviewed).</summary>
    public const string NotFilling = "buildout-not-filling";
    /// <summary>Arguments: status: the evaluation is not waiting for the Data Bureau's review.</summary>
    public const string NotSubmitted = "buildout-not-submitted";
    /// <summary>Arguments: round, status: the enterprise's evaluation is still under way; a new round opens after it is reviewed.</summary>
    public const string StillOpen = "buildout-still-open";
    /// <summary>Arguments: field (awardedOn): the award day is required and not in the future.</summary>
    public const string AwardedOn = "buildout-awarded-on";
    /// <summary>Arguments: enterprise: only an integrator on the list is evaluated.</summary>
    public const string NotIntegrator = "buildout-not-integrator";
    /// <summary>Arguments: field (the item's code), item: the item has no self-assessment yet.</summary>
    public const string SelfAssessmentMissing = "buildout-self-assessment-missing";
    /// <summary>Arguments: field (score), max: a score lies between 0 and the item's most, in tenths.</summary>
    public const string Score = "buildout-score";
    /// <summary>Arguments: field (the item's code), item: the item has no score yet.</summary>
    public const string Unscored = "buildout-unscored";
    /// <summary>Arguments: field (comment): a return says what is missing.</summary>
    public const string ReturnComment = "buildout-return-comment";
    /// <summary>Arguments: field (outcome): a review confirms or returns.</summary>
    public const string Outcome = "buildout-outcome";
}

/// <summary>An enterprise in the list with its newest evaluation (null: none opened yet) and whether it is overdue today.</summary>
public sealed record BuildOutRow(Enterprise Enterprise, BuildOutEvaluation? Evaluation, bool Overdue);

/// <summary>One item as the page shows it: the stored item, what the data measure (live while filling, as submitted after), its evidence.</summary>
public sealed record BuildOutItemView(BuildOutItem Item, int Max, BuildOutMeasure? Measure, IReadOnlyList<AttachmentInfo> Evidence);

/// <summary>An evaluation as a reader sees it, with what the reader may do to it now.</summary>
public sealed record BuildOutView(BuildOutEvaluation Evaluation, IReadOnlyList<BuildOutItemView> Items, IReadOnlyList<BuildOutEvent> History, bool Overdue,
    bool MayFill, bool MayReview);

/// <summary>
/// The build-out evaluation (ASM-4): the plan's six construction items per enterprise. The Data Bureau opens a round with
/// the day the enterprise was awarded (due two months later); the enterprise's managers write a self-assessment per item,
/// add evidence files and submit; the measured items (network, platform, training, knowledge) are filled in from the
/// platform's data and explained with their figures; the Data Bureau scores each item, then returns the evaluation with a
/// comment or confirms it. A confirmed result of 基本合格 or worse records a rectification order on the enterprise
/// (docs/assessment.md). Coordinators and the Intranet Office read. Every step is in the evaluation's history and audited.
/// </summary>
public sealed class BuildOutService(IBuildOutStore store, INetworkRepository network, IShortlistStore shortlist, AttachmentService files, IAttachmentStore attachments,
    AccessService access, IAuditLog audit, TimeProvider clock)
{
    public const string AuditKind = "buildout";
    public const int TextMax = 4000, CommentMax = 2000;

    /// <summary>The integrators the caller may see, each with its newest evaluation, by name.</summary>
    public async Task<IReadOnlyList<BuildOutRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var reach = Reach(actor);
        var today = ChinaTime.Today(clock);
        var latest = (await store.LatestOfAllAsync(ct)).ToDictionary(e => e.EnterpriseId);
        return (await network.EnterprisesAsync(ct))
            .Where(e => Evaluated(e) && (reach.Region || e.Id == reach.Enterprise))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => latest.GetValueOrDefault(e.Id) is { } x ? new BuildOutRow(e, x, x.OverdueOn(today)) : new BuildOutRow(e, null, false))
            .ToList();
    }

    /// <summary>The enterprise's newest evaluation with its items, evidence and history; another enterprise's (for its managers) is a logged 404.</summary>
    public async Task<BuildOutView> GetAsync(Actor actor, Guid enterpriseId, CancellationToken ct = default)
    {
        var evaluation = await FindAsync(actor, enterpriseId, ct);
        var items = await store.ItemsAsync(evaluation.Id, ct);
        IReadOnlyList<BuildOutMeasure> live = evaluation.Status == BuildOutStatus.Filling
            ? BuildOutScorer.Measure(await store.FactsAsync(enterpriseId, ChinaTime.Today(clock), ct)) : [];
        var views = new List<BuildOutItemView>();
        foreach (var item in Ordered(items))
        {
            var measure = live.FirstOrDefault(m => m.Code == item.Code) ?? Stored(item);
            views.Add(new BuildOutItemView(item, BuildOutItems.MaxOf(item.Code), measure, await attachments.ListAsync(item.Id, ct)));
        }
        return new BuildOutView(evaluation, views, await store.HistoryAsync(evaluation.Id, ct), evaluation.OverdueOn(ChinaTime.Today(clock)),
            evaluation.Status == BuildOutStatus.Filling && access.MayFillBuildOut(actor, enterpriseId),
            evaluation.Status == BuildOutStatus.Submitted && access.MayReviewBuildOut(actor));
    }

    /// <summary>
    /// The Data Bureau opens an enterprise's evaluation (the next round after a reviewed one) with the day it was awarded;
    /// due two months later. One still under way is a 409.
    /// </summary>
    public async Task<BuildOutEvaluation> OpenAsync(Actor actor, Guid enterpriseId, DateOnly? awardedOn, CancellationToken ct = default)
    {
        if (!access.MayReviewBuildOut(actor)) throw access.Denied(actor, "open a build-out evaluation", "The Data Bureau opens build-out evaluations.");
        var enterprise = await network.FindEnterpriseAsync(enterpriseId, ct) ?? throw access.NotFound(actor, "enterprise", enterpriseId);
        if (!Evaluated(enterprise))
            throw new InvalidInputException(Problem.Of(BuildOutProblems.NotIntegrator, "enterpriseId", $"{enterprise.Name} is not an integrator on the list.", ("enterprise", enterprise.Name)));
        var today = ChinaTime.Today(clock);
        if (awardedOn is not { } awarded || awarded > today || awarded.Year < 2000)
            throw new InvalidInputException(Problem.Of(BuildOutProblems.AwardedOn, "awardedOn", "Give the day the enterprise was awarded its place (not in the future)."));
        var latest = await store.LatestAsync(enterpriseId, ct);
        if (latest is { Status: not BuildOutStatus.Reviewed })
            throw new StateConflictException(Problem.Of(BuildOutProblems.StillOpen, null, $"{enterprise.Name}'s evaluation (round {latest.Round}) is still under way.",
                ("round", latest.Round), ("status", latest.Status)));
        var now = clock.GetUtcNow();
        var evaluation = new BuildOutEvaluation
        {
            Id = Guid.CreateVersion7(now), EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name, Round = (latest?.Round ?? 0) + 1, AwardedOn = awarded,
            DueOn = BuildOutEvaluation.DueAfter(awarded), Status = BuildOutStatus.Filling, CreatedAt = now, CreatedBy = actor.UserName, Version = 1,
        };
        var items = BuildOutItems.All.Select(i => new BuildOutItem { Id = Guid.CreateVersion7(now), EvaluationId = evaluation.Id, Code = i.Code }).ToList();
        if (!await store.AddAsync(evaluation, items, Step(evaluation, actor, BuildOutActions.Open, null, Times(awarded)), ct))
            throw new StateConflictException(Problem.Of(BuildOutProblems.StillOpen, null, $"{enterprise.Name}'s round {evaluation.Round} was opened at the same time.",
                ("round", evaluation.Round), ("status", BuildOutStatus.Filling)));
        await AuditAsync(actor, evaluation, "buildout-open", null, new { round = evaluation.Round, awardedOn = Times(awarded), dueOn = Times(evaluation.DueOn) }, ct);
        return evaluation;
    }

    /// <summary>The enterprise's manager writes an item's self-assessment while the evaluation is being filled in.</summary>
    public async Task<BuildOutItem> SaveItemAsync(Actor actor, Guid enterpriseId, string item, string? selfAssessment, CancellationToken ct = default)
    {
        var (evaluation, items, target) = await ForFillingAsync(actor, enterpriseId, item, "write a build-out self-assessment", ct);
        var text = selfAssessment?.Trim() ?? "";
        if (TextRules.Check(text, "selfAssessment", TextMax, multiline: true, required: false) is { } problem) throw new InvalidInputException([problem]);
        var before = target.SelfAssessment;
        var version = evaluation.Version;
        target.SelfAssessment = text.Length == 0 ? null : text;
        target.UpdatedAt = clock.GetUtcNow();
        target.UpdatedBy = actor.UserName;
        await SaveAsync(evaluation, version, [target], Step(evaluation, actor, BuildOutActions.Save, target.Code, null), ct);
        await AuditAsync(actor, evaluation, "buildout-save", new { item = target.Code, selfAssessment = before }, new { item = target.Code, selfAssessment = target.SelfAssessment }, ct);
        return target;
    }

    /// <summary>Adds an evidence file to an item (the attachment rules: size, type by content, a repeated file is the same file).</summary>
    public async Task<AttachmentInfo> AddEvidenceAsync(Actor actor, Guid enterpriseId, string item, string? fileName, Stream content, CancellationToken ct = default)
    {
        var (evaluation, _, target) = await ForFillingAsync(actor, enterpriseId, item, "add build-out evidence", ct);
        var known = (await attachments.ListAsync(target.Id, ct)).Select(a => a.Id).ToHashSet();
        var info = await files.UploadToAsync(target.Id, fileName, content, actor.UserName, ct);
        if (known.Contains(info.Id)) return info; // the same file again
        var fresh = await store.LatestAsync(enterpriseId, ct) ?? evaluation;
        await SaveAsync(fresh, fresh.Version, [], Step(fresh, actor, BuildOutActions.Evidence, target.Code, info.FileName), ct);
        await AuditAsync(actor, evaluation, "buildout-evidence", null, new { item = target.Code, file = info.FileName, size = info.Size, sha256 = info.Sha256 }, ct);
        return info;
    }

    /// <summary>An evidence file with its bytes, for whoever reads the evaluation.</summary>
    public async Task<Attachment> EvidenceAsync(Actor actor, Guid enterpriseId, string item, Guid fileId, CancellationToken ct = default)
    {
        var evaluation = await FindAsync(actor, enterpriseId, ct);
        var target = ItemOf(actor, await store.ItemsAsync(evaluation.Id, ct), item);
        return await attachments.FindAsync(target.Id, fileId, ct) ?? throw access.NotFound(actor, "evidence file", fileId);
    }

    /// <summary>
    /// The enterprise's manager submits: every item needs its self-assessment; the measured figures are kept as they are
    /// now. A second submission is a 409 (the first already moved it on).
    /// </summary>
    public async Task<BuildOutEvaluation> SubmitAsync(Actor actor, Guid enterpriseId, CancellationToken ct = default)
    {
        EnsureReaches(actor, enterpriseId);
        if (!access.MayFillBuildOut(actor, enterpriseId))
            throw access.Denied(actor, "submit a build-out evaluation", "The enterprise's own managers fill in and submit its build-out evaluation.");
        var evaluation = await LoadAsync(actor, enterpriseId, ct);
        EnsureStatus(evaluation, BuildOutStatus.Filling, BuildOutProblems.NotFilling);
        var items = await store.ItemsAsync(evaluation.Id, ct);
        var missing = Ordered(items).Where(i => string.IsNullOrWhiteSpace(i.SelfAssessment))
            .Select(i => Problem.Of(BuildOutProblems.SelfAssessmentMissing, i.Code, $"Item {i.Code} has no self-assessment yet.", ("item", i.Code))).ToList();
        if (missing.Count > 0) throw new InvalidInputException(missing);
        var now = clock.GetUtcNow();
        var measures = BuildOutScorer.Measure(await store.FactsAsync(enterpriseId, ChinaTime.DayOf(now), ct));
        foreach (var item in items)
            if (measures.FirstOrDefault(m => m.Code == item.Code) is { } m)
                (item.Measured, item.Suggested) = (JsonSerializer.Serialize(m), m.Suggested);
        var version = evaluation.Version;
        evaluation.Status = BuildOutStatus.Submitted;
        evaluation.SubmittedAt = now;
        evaluation.SubmittedBy = actor.UserName;
        await SaveAsync(evaluation, version, items, Step(evaluation, actor, BuildOutActions.Submit, null, null), ct);
        await AuditAsync(actor, evaluation, "buildout-submit", new { status = BuildOutStatus.Filling },
            new { status = evaluation.Status, suggested = measures.ToDictionary(m => m.Code, m => m.Suggested) }, ct);
        return evaluation;
    }

    /// <summary>The Data Bureau scores an item of a submitted evaluation (0 to the item's most, in tenths), with an optional comment.</summary>
    public async Task<BuildOutItem> ScoreItemAsync(Actor actor, Guid enterpriseId, string item, double? score, string? comment, CancellationToken ct = default)
    {
        var evaluation = await ForReviewAsync(actor, enterpriseId, "score a build-out evaluation", ct);
        var target = ItemOf(actor, await store.ItemsAsync(evaluation.Id, ct), item);
        var max = BuildOutItems.MaxOf(target.Code);
        if (score is not { } points || !BuildOutScorer.IsValidScore(target.Code, points))
            throw new InvalidInputException(Problem.Of(BuildOutProblems.Score, "score", $"A score of {target.Code} lies between 0 and {max}, in tenths.", ("max", max)));
        var text = comment?.Trim() ?? "";
        if (TextRules.Check(text, "comment", CommentMax, multiline: true, required: false) is { } problem) throw new InvalidInputException([problem]);
        var before = new { item = target.Code, score = target.Score, comment = target.Comment };
        var version = evaluation.Version;
        target.Score = points;
        target.Comment = text.Length == 0 ? null : text;
        target.UpdatedAt = clock.GetUtcNow();
        target.UpdatedBy = actor.UserName;
        await SaveAsync(evaluation, version, [target], Step(evaluation, actor, BuildOutActions.Score, target.Code, points.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)), ct);
        await AuditAsync(actor, evaluation, "buildout-score", before, new { item = target.Code, score = target.Score, comment = target.Comment }, ct);
        return target;
    }

    /// <summary>
    /// The Data Bureau's review of a submitted evaluation: <c>return</c> (a comment saying what is missing; the enterprise
    /// fills it in again) or <c>confirm</c> (every item scored: the total and its band are the result; 基本合格 or worse
    /// records a rectification order on the enterprise).
    /// </summary>
    public async Task<BuildOutEvaluation> ReviewAsync(Actor actor, Guid enterpriseId, string? outcome, string? comment, CancellationToken ct = default)
    {
        var evaluation = await ForReviewAsync(actor, enterpriseId, "review a build-out evaluation", ct);
        if (outcome is not ("confirm" or "return"))
            throw new InvalidInputException(Problem.Of(BuildOutProblems.Outcome, "outcome", "A review confirms or returns the evaluation."));
        var text = comment?.Trim() ?? "";
        if (TextRules.Check(text, "comment", CommentMax, multiline: true, required: outcome == "return") is { } problem)
            throw new InvalidInputException(outcome == "return" && problem.Code == TextProblems.Required
                ? Problem.Of(BuildOutProblems.ReturnComment, "comment", "A return says what is missing.") : problem);
        var items = await store.ItemsAsync(evaluation.Id, ct);
        var now = clock.GetUtcNow();
        var version = evaluation.Version;
        var before = new { status = evaluation.Status };
        evaluation.ReviewComment = text.Length == 0 ? null : text;
        if (outcome == "return")
        {
            evaluation.Status = BuildOutStatus.Filling;
            evaluation.Returns++;
            await SaveAsync(evaluation, version, [], Step(evaluation, actor, BuildOutActions.Return, null, evaluation.ReviewComment), ct);
            await AuditAsync(actor, evaluation, "buildout-return", before, new { status = evaluation.Status, comment = evaluation.ReviewComment }, ct);
            return evaluation;
        }
        var unscored = Ordered(items).Where(i => i.Score is null)
            .Select(i => Problem.Of(BuildOutProblems.Unscored, i.Code, $"Item {i.Code} has no score yet.", ("item", i.Code))).ToList();
        if (unscored.Count > 0) throw new InvalidInputException(unscored);
        evaluation.Total = BuildOutScorer.Total(items.Select(i => i.Score!.Value));
        evaluation.Grade = BuildOutScorer.GradeOf(evaluation.Total.Value);
        evaluation.Status = BuildOutStatus.Reviewed;
        evaluation.ReviewedAt = now;
        evaluation.ReviewedBy = actor.UserName;
        var rectify = BuildOutScorer.CallsForRectification(evaluation.Grade);
        if (rectify) evaluation.Consequence = BuildOutConsequences.Rectify;
        await SaveAsync(evaluation, version, [], Step(evaluation, actor, BuildOutActions.Confirm, null, evaluation.ReviewComment), ct);
        await AuditAsync(actor, evaluation, "buildout-confirm", before, new { status = evaluation.Status, total = evaluation.Total, grade = evaluation.Grade, comment = evaluation.ReviewComment }, ct);
        if (rectify) await RectifyAsync(actor, evaluation, now, ct);
        return evaluation;
    }

    /// <summary>
    /// The consequence of 基本合格 or worse: a rectification order on the enterprise's shortlist record (its status stays;
    /// the Data Bureau may still suspend it on the assessment page), in the evaluation's history too.
    /// </summary>
    private async Task RectifyAsync(Actor actor, BuildOutEvaluation evaluation, DateTimeOffset now, CancellationToken ct)
    {
        if (await network.FindEnterpriseAsync(evaluation.EnterpriseId, ct) is not { } enterprise) return;
        var why = ShortlistReason.BuildOut(evaluation.Round, evaluation.Grade!, evaluation.Total ?? 0).Encode();   // words at the display edge
        if (ShortlistDecision.Make(enterprise, ShortlistActions.Rectify, why, null, now, actor.UserName) is not { } made) return;
        if (!await shortlist.ApplyAsync(made.Decision, enterprise.Status, ct)) return;
        var fresh = await store.LatestAsync(evaluation.EnterpriseId, ct) ?? evaluation;
        await SaveAsync(fresh, fresh.Version, [], Step(fresh, actor, BuildOutActions.Rectify, null, why), ct);
        await audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = now, User = actor.UserName, EntityKind = ShortlistService.AuditKind, EntityId = enterprise.Id.ToString(), Action = "shortlist-rectify",
            Before = JsonSerializer.Serialize(new { status = enterprise.Status.ToString() }),
            After = JsonSerializer.Serialize(new { status = made.After.Status.ToString(), reason = why }),
        }, ct);
    }

    // ------------------------------------------------------------------ helpers

    private DataReach Reach(Actor actor) =>
        access.BuildOutReachOf(actor) ?? throw access.Denied(actor, "read build-out evaluations",
            "Build-out evaluations are read by the Data Bureau, the Intranet Office, the coordinators and each enterprise's managers.");

    /// <summary>The enterprise's newest evaluation within the caller's reach; another enterprise's, or none, is a logged 404.</summary>
    private async Task<BuildOutEvaluation> FindAsync(Actor actor, Guid enterpriseId, CancellationToken ct)
    {
        EnsureReaches(actor, enterpriseId);
        return await LoadAsync(actor, enterpriseId, ct);
    }

    private void EnsureReaches(Actor actor, Guid enterpriseId)
    {
        var reach = Reach(actor);
        if (!reach.Region && reach.Enterprise != enterpriseId) throw access.NotFound(actor, "build-out evaluation", enterpriseId, "another enterprise's");
    }

    private async Task<BuildOutEvaluation> LoadAsync(Actor actor, Guid enterpriseId, CancellationToken ct) =>
        await store.LatestAsync(enterpriseId, ct) ?? throw access.NotFound(actor, "build-out evaluation", enterpriseId, "none opened");

    private async Task<(BuildOutEvaluation, IReadOnlyList<BuildOutItem>, BuildOutItem)> ForFillingAsync(Actor actor, Guid enterpriseId, string item, string action, CancellationToken ct)
    {
        EnsureReaches(actor, enterpriseId);
        if (!access.MayFillBuildOut(actor, enterpriseId))
            throw access.Denied(actor, action, "The enterprise's own managers fill in its build-out evaluation.");
        var evaluation = await LoadAsync(actor, enterpriseId, ct);
        var items = await store.ItemsAsync(evaluation.Id, ct);
        var target = ItemOf(actor, items, item);
        EnsureStatus(evaluation, BuildOutStatus.Filling, BuildOutProblems.NotFilling);
        return (evaluation, items, target);
    }

    private async Task<BuildOutEvaluation> ForReviewAsync(Actor actor, Guid enterpriseId, string action, CancellationToken ct)
    {
        if (!access.MayReviewBuildOut(actor)) throw access.Denied(actor, action, "The Data Bureau scores and reviews build-out evaluations.");
        var evaluation = await FindAsync(actor, enterpriseId, ct);
        EnsureStatus(evaluation, BuildOutStatus.Submitted, BuildOutProblems.NotSubmitted);
        return evaluation;
    }

    private BuildOutItem ItemOf(Actor actor, IReadOnlyList<BuildOutItem> items, string code) =>
        items.FirstOrDefault(i => i.Code == code) ?? throw access.NotFound(actor, "build-out item", code);

    private static void EnsureStatus(BuildOutEvaluation evaluation, string status, string code)
    {
        if (evaluation.Status != status)
            throw new StateConflictException(Problem.Of(code, null, $"{evaluation.EnterpriseName}'s evaluation is {evaluation.Status}.", ("status", evaluation.Status)));
    }

    private async Task SaveAsync(BuildOutEvaluation evaluation, int version, IReadOnlyList<BuildOutItem> items, BuildOutEvent step, CancellationToken ct)
    {
        if (!await store.SaveAsync(evaluation, version, items, step, ct))
            throw new StateConflictException(Problem.Of(BuildOutProblems.NotFilling, null, $"{evaluation.EnterpriseName}'s evaluation was changed at the same time; look again.",
                ("status", evaluation.Status)));
    }

    private BuildOutEvent Step(BuildOutEvaluation evaluation, Actor actor, string action, string? item, string? note) => new()
    {
        Id = Guid.CreateVersion7(), EvaluationId = evaluation.Id, At = clock.GetUtcNow(), By = actor.UserName, Action = action, Item = item, Note = note,
    };

    private Task AuditAsync(Actor actor, BuildOutEvaluation evaluation, string action, object? before, object after, CancellationToken ct) =>
        audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = actor.UserName, EntityKind = AuditKind, EntityId = $"{evaluation.EnterpriseId}/{evaluation.Round}",
            Action = action, Before = before is null ? null : JsonSerializer.Serialize(before), After = JsonSerializer.Serialize(after),
        }, ct);

    private static BuildOutMeasure? Stored(BuildOutItem item) =>
        item.Measured is { Length: > 0 } json ? JsonSerializer.Deserialize<BuildOutMeasure>(json) : null;

    private static IEnumerable<BuildOutItem> Ordered(IEnumerable<BuildOutItem> items) =>
        items.OrderBy(i => BuildOutItems.All.ToList().FindIndex(x => x.Code == i.Code));

    /// <summary>An enterprise the build-out evaluation is for: an integrator still on the list.</summary>
    private static bool Evaluated(Enterprise e) => e.Kind == EnterpriseKind.Integrator && e.Status != ShortlistStatus.Removed;

    private static string Times(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
