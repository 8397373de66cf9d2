using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Cases;
using XinchuangFlow.Cases.Activities;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Activities.Builtin;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Assessment;

/// <summary>The quarterly assessment's steps (ASM-2), registered like the domain's other activities.</summary>
public static class AssessmentActivities
{
    public static readonly Type[] Types =
    [
        typeof(ComputeAssessmentActivity), typeof(OpenAssessmentResultActivity), typeof(ObjectionTaskActivity), typeof(AcceptAssessmentActivity),
        typeof(RecordObjectionActivity), typeof(RulingTaskActivity), typeof(RuleOnObjectionActivity), typeof(PublishAssessmentActivity),
        typeof(OpenInterviewActivity), typeof(ShortlistDecisionActivity),
    ];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    internal static readonly BurstKey<AssessmentRound> RoundSlot = new("xf.AssessmentRound");

    /// <summary>The result whose objection flow this instance is: joined to the burst once (a guarded update).</summary>
    internal static async Task<AssessmentResult> ResultAsync(ActivityContext context, IAssessmentRounds rounds) =>
        context.Joined<AssessmentResult>() is { } joined ? joined
        : context.Join(await rounds.ResultOfInstanceAsync(context.Instance.Id, context.Cancellation)
                       ?? throw new InvalidOperationException($"Instance {context.Instance.Id} has no assessment result; start the flow with xf.assessment.OpenResult."));

    internal static string? Text(JsonNode? node, int max) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && TextRules.HasVisibleText(s) ? (s.Length > max ? s[..max] : s.Trim()) : null;
}

/// <summary>
/// Computes a quarter (ASM-2): every shortlisted integrator (and every enterprise that served a ticket) scored by the
/// model in force on the quarter's tickets — the platform's and the reported ones —, judged as at the quarter's end. The
/// round is stored as the quarter's next revision with its objection deadline; the variables <c>results</c> (one item per
/// enterprise, for a multi-instance objection step), <c>round</c> and <c>objectionDue</c> (the model's objection days as
/// a duration) are set for the steps after.
/// </summary>
[Activity("xf.assessment.Compute", DomainCategories.Assessment, "计算季度考核", "Compute the quarter's assessment",
    DescriptionZh = "按现行考核模型计算季度内每家企业的得分和等级，生成考核轮次（草稿），并给出异议期限。",
    DescriptionEn = "Scores every enterprise's quarter by the model in force, stores the round as a draft and sets the objection deadline.")]
public sealed class ComputeAssessmentActivity(IAssessmentRounds rounds, IKpiSource source, RuleBook rules, INetworkRepository network) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("quarter", InputKind.String, "季度（如 2026Q3）", "Quarter (e.g. 2026Q3)", Required: true),
            new InputDescriptor("reason", InputKind.Text, "重新计算的原因", "Why it is computed again"),
        ],
        ["done", Already]);

    /// <summary>The port taken when the quarter's round is already open (another start — another node's schedule — came first).</summary>
    public const string Already = "already";

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var quarter = (context.GetString("quarter") ?? "").Trim().ToUpperInvariant();
        var period = KpiService.PeriodOf(quarter, null, null);
        var ct = context.Cancellation;
        if (await rounds.OpenRoundAsync(quarter, ct) is { } open && open.InstanceId != context.Instance.Id)
        {
            // Two starts at once (two nodes' schedules, two clicks): the round the other stored stands; this start ends.
            context.JournalData("openRound", open.Id.ToString());
            return ActivityResult.Done(Already);
        }
        var (model, set) = await rules.GetAsync<AssessmentModel>(RuleKinds.Assessment, null, ct);
        var asOf = period.To < context.Now ? period.To : context.Now;
        var cases = await source.CasesAsync(new KpiScope(), period.From, period.To, ct);
        var extras = await source.ExtrasAsync(new KpiScope(), period.From, period.To, asOf, ct);
        var options = new KpiOptions(asOf, KpiOptions.DefaultComplaintClosure);
        var groups = KpiCalculator.Compute(cases, options, extras)
            .Where(g => g.Dimension == KpiCalculator.ByEnterprise).ToDictionary(g => g.Key);
        var enterprises = (await network.EnterprisesAsync(ct))
            .Where(e => groups.ContainsKey(e.Id.ToString()) || (e.Kind == EnterpriseKind.Integrator && e.Status != ShortlistStatus.Removed))
            .OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

        var round = new AssessmentRound
        {
            Id = Guid.CreateVersion7(), Quarter = quarter, Revision = await rounds.LastRevisionAsync(quarter, ct) + 1, Status = AssessmentRoundStatus.Open,
            InstanceId = context.Instance.Id, ModelVersion = set.Version, ComputedAt = context.Now, ObjectionUntil = context.Now.AddDays(model.ObjectionDays),
            StartedBy = context.User, Reason = AssessmentActivities.Text(context.GetInput("reason"), 2000),
        };
        context.StageInsert(round);
        context.Items.Set(AssessmentActivities.RoundSlot, round);

        var items = new JsonArray();
        foreach (var e in enterprises)
        {
            var group = groups.GetValueOrDefault(e.Id.ToString()) ?? KpiCalculator.Enterprise(e.Id, cases, options, extras);
            var score = AssessmentScorer.Score(model, group);
            items.Add(new JsonObject
            {
                ["roundId"] = round.Id.ToString(), ["quarter"] = quarter, ["quarterName"] = AssessmentPeriod.Spoken(quarter).Zh, ["quarterNameEn"] = AssessmentPeriod.Spoken(quarter).En,
                ["revision"] = round.Revision, ["enterpriseId"] = e.Id.ToString(), ["enterpriseName"] = e.Name,
                ["objectionDue"] = $"P{model.ObjectionDays}D", ["total"] = score.Total, ["grade"] = score.Grade, ["belowRedLine"] = score.BelowRedLine, ["score"] = JsonSerializer.Serialize(score, AssessmentActivities.Json),
            });
        }
        context.SetVariable("round", new JsonObject { ["id"] = round.Id.ToString(), ["quarter"] = quarter, ["revision"] = round.Revision });
        context.SetVariable("results", items);
        context.SetVariable("objectionDue", $"P{model.ObjectionDays}D");
        context.JournalData("enterprises", items.Count);
        return ActivityResult.Done("done");
    }
}

/// <summary>Stores one enterprise's draft result (an item of <c>xf.assessment.Compute</c>) as the case of this objection flow.</summary>
[Activity("xf.assessment.OpenResult", DomainCategories.Assessment, "登记考核结果", "Record the draft result",
    DescriptionZh = "登记一家企业的考核结果草稿；本流程即该结果的异议流程。", DescriptionEn = "Stores one enterprise's draft result; this flow is its objection flow.")]
public sealed class OpenAssessmentResultActivity : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("result", InputKind.Json, "考核结果", "The result", Required: true)], ["done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (context.GetInput("result") is not JsonObject item || item["roundId"] is null || item["enterpriseId"] is null)
            throw new ActivityInputException(context.Activity.Id, "result", "the result must be an item of xf.assessment.Compute");
        var result = new AssessmentResult
        {
            Id = Guid.CreateVersion7(), RoundId = Guid.Parse(item["roundId"]!.GetValue<string>()), Quarter = item["quarter"]!.GetValue<string>(),
            Revision = item["revision"]!.GetValue<int>(), EnterpriseId = Guid.Parse(item["enterpriseId"]!.GetValue<string>()),
            EnterpriseName = item["enterpriseName"]?.GetValue<string>() ?? "", InstanceId = context.Instance.Id, Status = AssessmentResultStatus.Draft,
            Total = item["total"] is JsonValue t && t.TryGetValue<double>(out var total) ? Math.Round(total, 2) : null,
            ComputedGrade = item["grade"]?.GetValue<string>() ?? AssessmentGradeCodes.NotAssessed,
            BelowRedLine = item["belowRedLine"] is JsonValue b && b.TryGetValue<bool>(out var below) && below,
            Score = item["score"]?.GetValue<string>() ?? "{}", CreatedAt = context.Now, UpdatedAt = context.Now,
        };
        result.Grade = result.ComputedGrade;
        context.Insert(result);
        context.Record(result, "assessment-computed", null, new JsonObject { ["total"] = result.Total, ["grade"] = result.Grade, ["quarter"] = result.Quarter, ["revision"] = result.Revision }, bySystem: true);
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}

/// <summary>The enterprise's objection task: accept the draft, or object with a reason (required) and evidence.</summary>
[Activity("xf.assessment.ObjectionTask", DomainCategories.Assessment, "考核异议任务", "Objection task",
    DescriptionZh = "企业确认考核结果或提出异议；提出异议须写明理由。", DescriptionEn = "The enterprise accepts its result or objects; an objection needs its reason.")]
public sealed class ObjectionTaskActivity : UserTaskActivity, ITaskCompletionRules
{
    public const string Accept = "accept", Object = "object";

    public IReadOnlyList<Problem> CheckCompletion(HumanTask task, string outcome, JsonObject data) =>
        outcome == Object && AssessmentActivities.Text(data["reason"], 4000) is null
            ? [Problem.Of(AssessmentProblems.ObjectionReason, "reason", "An objection needs its reason.")]
            : [];
}

/// <summary>The result stands as computed: the enterprise accepted it, or the objection period passed (<c>lapsed</c>).</summary>
[Activity("xf.assessment.Accept", DomainCategories.Assessment, "确认考核结果", "Result accepted",
    DescriptionZh = "企业无异议，或异议期限已过，结果按计算确定。", DescriptionEn = "The enterprise accepted, or the objection period passed: the result stands as computed.")]
public sealed class AcceptAssessmentActivity(IAssessmentRounds rounds) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("lapsed", InputKind.Boolean, "异议期限已过", "The objection period passed")], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var result = await AssessmentActivities.ResultAsync(context, rounds);
        var lapsed = context.GetBool("lapsed");
        context.Change(result, lapsed ? "assessment-objection-lapsed" : "assessment-accepted", null, r => r.Status = AssessmentResultStatus.Accepted);
        return ActivityResult.Done("done");
    }
}

/// <summary>Records the enterprise's objection (the task's <c>reason</c> and <c>evidence</c>, in the variable named by <c>from</c>).</summary>
[Activity("xf.assessment.RecordObjection", DomainCategories.Assessment, "登记考核异议", "Record the objection",
    DescriptionZh = "登记企业的异议理由和证据，交数据局裁定。", DescriptionEn = "Records the enterprise's reason and evidence for the Data Bureau to rule on.")]
public sealed class RecordObjectionActivity(IAssessmentRounds rounds) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("objection", InputKind.Json, "异议（任务表单数据）", "The objection (the task's form data)", Required: true)], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var result = await AssessmentActivities.ResultAsync(context, rounds);
        var data = context.GetInput("objection") as JsonObject ?? [];
        context.Change(result, "assessment-objected", AssessmentActivities.Text(data["reason"], 4000), r =>
        {
            r.Status = AssessmentResultStatus.Objected;
            r.Objection = AssessmentActivities.Text(data["reason"], 4000);
            r.Evidence = AssessmentActivities.Text(data["evidence"], 4000);
            r.ObjectedAt = context.Now;
            r.ObjectedBy = context.User;
        });
        return ActivityResult.Done("done");
    }
}

/// <summary>The Data Bureau's ruling task: uphold the computed grade, or adjust it (to a grade that differs); a reason either way.</summary>
[Activity("xf.assessment.RulingTask", DomainCategories.Assessment, "异议裁定任务", "Ruling task",
    DescriptionZh = "数据局裁定企业的异议：维持原等级或调整等级，均须写明理由。", DescriptionEn = "The Data Bureau rules on an objection: uphold or adjust the grade, with its reason.")]
public sealed class RulingTaskActivity : UserTaskActivity, ITaskCompletionRules
{
    public IReadOnlyList<Problem> CheckCompletion(HumanTask task, string outcome, JsonObject data)
    {
        var problems = new List<Problem>();
        if (AssessmentActivities.Text(data["reason"], 2000) is null) problems.Add(Problem.Of(AssessmentProblems.RulingReason, "reason", "A ruling needs its reason."));
        if (outcome == AssessmentRulings.Adjusted && data["grade"]?.GetValue<string>() is not (AssessmentGradeCodes.Excellent or AssessmentGradeCodes.Pass or AssessmentGradeCodes.BasicPass or AssessmentGradeCodes.Fail))
            problems.Add(Problem.Of(AssessmentProblems.RulingGrade, "grade", "An adjustment names the grade."));
        return problems;
    }
}

/// <summary>Records the Data Bureau's ruling: <c>uphold</c> keeps the computed grade, <c>adjust</c> sets the grade of the ruling.</summary>
[Activity("xf.assessment.Rule", DomainCategories.Assessment, "记录异议裁定", "Record the ruling",
    DescriptionZh = "记录数据局的裁定：维持或调整等级，以及理由。", DescriptionEn = "Records the Data Bureau's ruling: upheld or adjusted, and why.")]
public sealed class RuleOnObjectionActivity(IAssessmentRounds rounds) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("decision", InputKind.String, "裁定（uphold / adjust）", "Ruling (uphold / adjust)", Required: true),
            new InputDescriptor("ruling", InputKind.Json, "裁定（任务表单数据）", "The ruling (the task's form data)", Required: true),
        ],
        ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var result = await AssessmentActivities.ResultAsync(context, rounds);
        var decision = context.GetString("decision") == AssessmentRulings.Adjusted ? AssessmentRulings.Adjusted : AssessmentRulings.Upheld;
        var data = context.GetInput("ruling") as JsonObject ?? [];
        var grade = decision == AssessmentRulings.Adjusted && data["grade"]?.GetValue<string>() is { Length: > 0 } g ? g : result.ComputedGrade;
        var reason = AssessmentActivities.Text(data["reason"], 2000);
        context.Change(result, "assessment-ruled", reason, r =>
        {
            r.Status = AssessmentResultStatus.Ruled;
            r.Ruling = decision;
            r.RulingReason = reason;
            r.RuledBy = context.User;
            r.RuledAt = context.Now;
            r.Grade = grade;
        }, new JsonObject { ["ruling"] = decision, ["from"] = result.ComputedGrade, ["grade"] = grade });
        return ActivityResult.Done("done");
    }
}

/// <summary>
/// Publishes the round once every objection is settled: its results are frozen (a recomputation is a new revision), and
/// the quarter's round published before (if any) is superseded.
/// </summary>
[Activity("xf.assessment.Publish", DomainCategories.Assessment, "发布季度考核", "Publish the quarter's assessment",
    DescriptionZh = "全部异议处理完毕后发布考核结果并冻结；此前发布的同季度结果被替代。", DescriptionEn = "Publishes and freezes the results once every objection is settled; the quarter's former round is superseded.")]
public sealed class PublishAssessmentActivity(IAssessmentRounds rounds, RuleBook rules) : IActivity
{
    public ActivitySpec Spec { get; } = new([], ["done"]);

    /// <summary>Why an enterprise is called to an interview (ASM-3): a fail, or basic passes in a row.</summary>
    public const string Fail = "fail", BasicPasses = "basic-passes";

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.Cancellation;
        var round = context.Items.TryGet(AssessmentActivities.RoundSlot, out var inBurst) ? inBurst
            : await rounds.RoundOfInstanceAsync(context.Instance.Id, ct) ?? throw new InvalidOperationException($"Instance {context.Instance.Id} computed no assessment round.");
        if (await rounds.PublishedRoundAsync(round.Quarter, ct) is { } former && former.Id != round.Id)
        {
            context.StageUpdate(former, nameof(AssessmentRound.Status), AssessmentRoundStatus.Published);
            former.Status = AssessmentRoundStatus.Superseded;
        }
        var model = (await rules.GetAsync<AssessmentModel>(RuleKinds.Assessment, null, ct)).Rules;
        var interviews = new JsonArray();
        foreach (var result in await rounds.ResultsAsync(round.Id, null, ct))
        {
            if (await InterviewAsync(result, model, ct) is { } why) interviews.Add(why);
            context.StageUpdate(result, nameof(AssessmentResult.Version), result.Version);
            result.Version++;
            var from = result.Status;
            result.Status = AssessmentResultStatus.Published;
            result.UpdatedAt = context.Now;
            context.Record(result, "assessment-published", null, new JsonObject { ["grade"] = result.Grade, ["revision"] = result.Revision }, from, bySystem: true);
        }
        if (!context.Items.TryGet(AssessmentActivities.RoundSlot, out _)) context.StageUpdate(round, nameof(AssessmentRound.Status), AssessmentRoundStatus.Open);
        round.Status = AssessmentRoundStatus.Published;
        round.PublishedAt = context.Now;
        context.JournalData("published", round.Id.ToString());
        context.SetVariable("interviews", interviews);
        return ActivityResult.Done("done");
    }

    /// <summary>
    /// The interview an enterprise's result calls for (ASM-3): a fail; or a basic pass that makes the model's
    /// <c>basicPassesBeforeInterview</c> in a row with the quarters before (as published); else null.
    /// </summary>
    private async Task<JsonObject?> InterviewAsync(AssessmentResult result, AssessmentModel model, CancellationToken ct)
    {
        string why;
        var streak = 0;
        if (result.Grade == AssessmentGradeCodes.Fail) why = Fail;
        else if (result.Grade == AssessmentGradeCodes.BasicPass)
        {
            streak = 1;
            var expected = AssessmentPeriod.Before(result.Quarter);
            foreach (var prior in (await rounds.PublishedResultsOfAsync(result.EnterpriseId, model.BasicPassesBeforeInterview + 1, ct)).Where(p => p.Quarter != result.Quarter))
            {
                if (prior.Quarter != expected || prior.Grade != AssessmentGradeCodes.BasicPass) break;
                streak++;
                expected = AssessmentPeriod.Before(prior.Quarter);
            }
            if (streak < model.BasicPassesBeforeInterview) return null;
            why = BasicPasses;
        }
        else return null;
        return new JsonObject
        {
            ["resultId"] = result.Id.ToString(), ["enterpriseId"] = result.EnterpriseId.ToString(), ["enterpriseName"] = result.EnterpriseName,
            ["quarter"] = result.Quarter, ["quarterName"] = AssessmentPeriod.Spoken(result.Quarter).Zh, ["quarterNameEn"] = AssessmentPeriod.Spoken(result.Quarter).En,
            ["grade"] = result.Grade, ["why"] = why, ["streak"] = streak,
        };
    }
}

/// <summary>
/// Opens an interview (ASM-3) on the published result that called for it (an item of <c>xf.assessment.Publish</c>'s
/// <c>interviews</c>): the result's history says so, and this flow's tasks are about that result — the inbox links them to
/// its page. The enterprise's scope does not reach them: the interview is the Data Bureau's.
/// </summary>
[Activity("xf.assessment.OpenInterview", DomainCategories.Assessment, "登记约谈", "Record the interview",
    DescriptionZh = "在引起约谈的考核结果上登记约谈；本流程的任务即关于该结果。", DescriptionEn = "Records the interview on the result that called for it; this flow's tasks are about that result.")]
public sealed class OpenInterviewActivity(IAssessmentRounds rounds) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("interview", InputKind.Json, "约谈（企业、季度、结果）", "The interview (enterprise, quarter, result)", Required: true)], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (context.GetInput("interview") is not JsonObject interview || !Guid.TryParse(interview["resultId"]?.GetValue<string>(), out var resultId))
            throw new ActivityInputException(context.Activity.Id, "interview", "the interview must name its result (an item of xf.assessment.Publish)");
        var result = await rounds.FindResultAsync(resultId, context.Cancellation)
                     ?? throw new ActivityInputException(context.Activity.Id, "interview", $"assessment result {resultId} does not exist");
        var joined = context.Join(result);
        joined.InterviewInstanceId = context.Instance.Id;
        joined.UpdatedAt = context.Now;
        // The rule called it (a fail, or basic passes in a row), not a person.
        context.Record(joined, "assessment-interview", null, new JsonObject { ["why"] = interview["why"]?.DeepClone(), ["streak"] = interview["streak"]?.DeepClone() }, bySystem: true);
        return ActivityResult.Done("done");
    }
}

/// <summary>
/// Records the Data Bureau's decision after an interview (ASM-3): <c>suspend</c> takes the enterprise off dispatch (the
/// planner sends it no new work) until it is restored; <c>rectify</c> orders rectification and leaves the status. The
/// reason is the interview task's; the decision is kept with the quarter that led to it.
/// </summary>
[Activity("xf.assessment.ShortlistDecision", DomainCategories.Assessment, "记录名录决定", "Record the shortlist decision",
    DescriptionZh = "记录约谈后的决定：暂停派单（恢复前不再派单）或限期整改，附理由。", DescriptionEn = "Records the decision after an interview: suspend (no dispatch until restored) or order rectification, with the reason.")]
public sealed class ShortlistDecisionActivity(INetworkRepository network) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("action", InputKind.String, "决定（suspend / rectify）", "Decision (suspend / rectify)", Required: true),
            new InputDescriptor("interview", InputKind.Json, "约谈（企业、季度）", "The interview (enterprise, quarter)", Required: true),
            new InputDescriptor("decision", InputKind.Json, "决定（任务表单数据）", "The decision (the task's form data)", Required: true),
        ],
        ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var action = context.GetString("action") == ShortlistActions.Suspend ? ShortlistActions.Suspend : ShortlistActions.Rectify;
        if (context.GetInput("interview") is not JsonObject interview || !Guid.TryParse(interview["enterpriseId"]?.GetValue<string>(), out var enterpriseId))
            throw new ActivityInputException(context.Activity.Id, "interview", "the interview must name the enterprise");
        var enterprise = await network.FindEnterpriseAsync(enterpriseId, context.Cancellation)
                         ?? throw new ActivityInputException(context.Activity.Id, "interview", $"enterprise {enterpriseId} does not exist");
        var reason = AssessmentActivities.Text((context.GetInput("decision") as JsonObject)?["reason"], 2000) ?? "";
        if (ShortlistDecision.Make(enterprise, action, reason, interview["quarter"]?.GetValue<string>(), context.Now, context.User) is not { } made)
        {
            context.JournalData("shortlist", "unchanged");
            return ActivityResult.Done("done");
        }
        if (made.After.Status != enterprise.Status) context.StageUpdate(made.After, nameof(Enterprise.Status), enterprise.Status);
        context.StageInsert(made.Decision);
        context.JournalData("shortlist", action);
        return ActivityResult.Done("done");
    }
}
