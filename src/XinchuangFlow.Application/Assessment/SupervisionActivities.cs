using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Cases;
using XinchuangFlow.Cases.Activities;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Domain.Time;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Activities.Builtin;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Assessment;

/// <summary>The supervision notice's steps (ASM-7), registered like the domain's other activities.</summary>
public static class SupervisionActivities
{
    public static readonly Type[] Types =
    [
        typeof(OpenSupervisionActivity), typeof(SupervisionAnswerTaskActivity), typeof(RecordSupervisionAnswerActivity), typeof(EscalateSupervisionActivity),
        typeof(SupervisionReviewTaskActivity), typeof(AcceptSupervisionAnswerActivity), typeof(ReturnSupervisionAnswerActivity),
    ];

    /// <summary>The notice whose flow this instance is: joined to the burst once.</summary>
    internal static async Task<SupervisionNotice> NoticeAsync(ActivityContext context, ISupervisionStore store) =>
        context.Joined<SupervisionNotice>() is { } joined ? joined
        : context.Join(await store.OfInstanceAsync(context.Instance.Id, context.Cancellation)
                       ?? throw new InvalidOperationException($"Instance {context.Instance.Id} has no supervision notice; start the flow with xf.supervision.Open."));

    /// <summary>The enterprise's managers, each told by inbox and e-mail in the given words.</summary>
    internal static async Task TellManagersAsync(ActivityContext context, IUserDirectory users, SupervisionNotice n, Notification words)
    {
        foreach (var m in await users.TeamAsync(Roles.EnterpriseManager, n.EnterpriseId, null, null, 50, context.Cancellation))
            foreach (var channel in new[] { "inbox", "email" })
                context.Notify(words.To(m.UserName, null, channel));
    }

    /// <summary>
    /// The notice's words as a coded text: its number, enterprise, deadline in force (China time) and reason, the answer
    /// and the review's comment.
    /// </summary>
    internal static Dictionary<string, string> Args(SupervisionNotice n, string? answer = null, string? comment = null) => new()
    {
        ["number"] = n.Number, ["enterprise"] = n.EnterpriseName,
        ["deadline"] = n.DeadlineInForce.ToChina().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["reason"] = n.Reason, ["answer"] = answer ?? "", ["comment"] = comment ?? "@Notify.NoComment",
    };

    /// <summary>The review's comment (the task's form data <c>comment</c>), trimmed, or null.</summary>
    internal static string? Comment(ActivityContext context) => AssessmentActivities.Text((context.GetInput("review") as JsonObject ?? [])["comment"], SupervisionService.ReasonMax);

    internal static readonly InputDescriptor ReviewInput = new("review", InputKind.Json, "审核（任务表单数据）", "The review (the task's form data)", Required: true);
}

/// <summary>Stores the notice the supervision service issued (the variable <c>notice</c>) as the case of this flow.</summary>
[Activity("xf.supervision.Open", DomainCategories.Assessment, "登记督办", "Record the notice",
    DescriptionZh = "登记督办单（督办对象、事由、期限、督办方）；本流程即该督办单的流程。", DescriptionEn = "Stores the supervision notice (what, why, by when, by whom); this flow is its flow.")]
public sealed class OpenSupervisionActivity : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("notice", InputKind.Json, "督办单", "The notice", Required: true)], ["done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (context.GetInput("notice") is not JsonObject item || item["id"] is null || item["enterpriseId"] is null || item["deadline"] is null)
            throw new ActivityInputException(context.Activity.Id, "notice", "the notice must come from the supervision service");
        var notice = new SupervisionNotice
        {
            Id = Guid.Parse(item["id"]!.GetValue<string>()), Number = item["number"]!.GetValue<string>(), Target = item["target"]!.GetValue<string>(),
            TicketId = item["ticketId"]?.GetValue<string>() is { } tid ? Guid.Parse(tid) : null, TicketNumber = item["ticketNumber"]?.GetValue<string>(),
            EnterpriseId = Guid.Parse(item["enterpriseId"]!.GetValue<string>()), EnterpriseName = item["enterpriseName"]?.GetValue<string>() ?? "",
            CityCode = item["cityCode"]?.GetValue<string>(), Reason = item["reason"]!.GetValue<string>(),
            Deadline = DateTimeOffset.Parse(item["deadline"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            IssuedBy = item["issuedBy"]?.GetValue<string>() ?? context.User ?? "", Issuer = item["issuer"]?.GetValue<string>() ?? SupervisionIssuers.DataBureau,
            IssuedAt = context.Now, InstanceId = context.Instance.Id, Status = SupervisionStatus.Open, UpdatedAt = context.Now,
        };
        context.Insert(notice);
        var data = new JsonObject { ["number"] = notice.Number, ["deadline"] = notice.Deadline.ToString("O"), ["issuer"] = notice.Issuer };
        context.Record(notice, "supervision-issued", notice.Reason, data);
        // A notice about a ticket is a line of the ticket's history too.
        if (notice.TicketId is { } ticket)
            context.Record(ticket, CaseKinds.Ticket, "supervision-issued", null, null, notice.Reason, data.DeepClone());
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}

/// <summary>The enterprise's answer to a notice: what it did (required).</summary>
[Activity("xf.supervision.AnswerTask", DomainCategories.Assessment, "督办回复任务", "Answer task",
    DescriptionZh = "企业回复督办：写明整改或处理情况。", DescriptionEn = "The enterprise answers the notice: what it did.")]
public sealed class SupervisionAnswerTaskActivity : UserTaskActivity, ITaskCompletionRules
{
    public IReadOnlyList<Problem> CheckCompletion(HumanTask task, string outcome, JsonObject data) =>
        AssessmentActivities.Text(data["answer"], 4000) is null ? [Problem.Of(SupervisionProblems.Answer, "answer", "An answer says what was done.")] : [];
}

/// <summary>
/// Records the enterprise's answer (the task's <c>answer</c>): on time when by the deadline in force (the notice's, or the
/// one a return set), late after it — once late, the notice stays late in the indicators; the issuer is told (and, when
/// late, the Data Bureau) and reviews it.
/// </summary>
[Activity("xf.supervision.RecordAnswer", DomainCategories.Assessment, "登记督办回复", "Record the answer",
    DescriptionZh = "登记企业的回复（期限内为按期回复，逾期为逾期回复），并通知督办方审核。", DescriptionEn = "Records the answer (on time by the deadline, late after it) and tells the issuer, who reviews it.")]
public sealed class RecordSupervisionAnswerActivity(ISupervisionStore store, INotificationTexts texts) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("answer", InputKind.Json, "回复（任务表单数据）", "The answer (the task's form data)", Required: true)], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var notice = await SupervisionActivities.NoticeAsync(context, store);
        var text = AssessmentActivities.Text((context.GetInput("answer") as JsonObject ?? [])["answer"], 4000) ?? "";
        var late = context.Now > notice.DeadlineInForce;
        var data = new JsonObject { ["deadline"] = notice.DeadlineInForce.ToString("O"), ["late"] = late, ["round"] = notice.Returns + 1 };
        context.Change(notice, late ? "supervision-answered-late" : "supervision-answered", text, n =>
        {
            n.Status = late ? SupervisionStatus.AnsweredLate : SupervisionStatus.Answered;
            n.Late |= late;
            n.Answer = text;
            n.AnsweredAt = context.Now;
            n.AnsweredBy = context.User;
        }, data);
        if (notice.TicketId is { } ticket)
            context.Record(ticket, CaseKinds.Ticket, late ? "supervision-answered-late" : "supervision-answered", null, null, text, new JsonObject { ["number"] = notice.Number });
        var words = new Notification().WithText(late ? "SupervisionAnsweredLate" : "SupervisionAnswered", SupervisionActivities.Args(notice, text), texts);
        foreach (var channel in new[] { "inbox", "email" })
        {
            context.Notify(words.To(notice.IssuedBy, null, channel));
            if (late) context.Notify(words.To(null, Roles.DataBureauAdmin, channel));
        }
        return ActivityResult.Done("done");
    }
}

/// <summary>
/// The deadline passed unanswered: the notice is escalated — the issuer, the Data Bureau and the enterprise's managers are
/// told (inbox and e-mail); the answer is still owed.
/// </summary>
[Activity("xf.supervision.Escalate", DomainCategories.Assessment, "督办逾期升级", "Escalate the notice",
    DescriptionZh = "督办期限已过仍未回复：标记逾期，通知督办方、数据局和企业负责人；企业仍须回复。",
    DescriptionEn = "The deadline passed unanswered: marked overdue; the issuer, the Data Bureau and the enterprise's managers are told; the answer is still owed.")]
public sealed class EscalateSupervisionActivity(ISupervisionStore store, IUserDirectory users, INotificationTexts texts) : IActivity
{
    public ActivitySpec Spec { get; } = new([], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var notice = await SupervisionActivities.NoticeAsync(context, store);
        var deadline = notice.DeadlineInForce;
        context.Change(notice, "supervision-escalated", null, n =>
        {
            n.Status = SupervisionStatus.Escalated;
            n.EscalatedAt = context.Now;
        }, new JsonObject { ["deadline"] = deadline.ToString("O") });
        var args = SupervisionActivities.Args(notice);
        var words = new Notification().WithText("SupervisionEscalated", args, texts);
        foreach (var channel in new[] { "inbox", "email" })
        {
            context.Notify(words.To(notice.IssuedBy, null, channel));
            context.Notify(words.To(null, Roles.DataBureauAdmin, channel));
        }
        await SupervisionActivities.TellManagersAsync(context, users, notice, new Notification().WithText("SupervisionEscalatedToEnterprise", args, texts));
        return ActivityResult.Done("done");
    }
}

/// <summary>
/// The issuing party reviews the enterprise's answer (task kind <c>supervision.review</c>): accept, or return with a
/// comment — a return without one is refused, on every way in.
/// </summary>
[Activity("xf.supervision.ReviewTask", DomainCategories.Assessment, "督办回复审核任务", "Review task",
    DescriptionZh = "督办方审核企业回复：接受（办结）或退回（须写明意见）。", DescriptionEn = "The issuer reviews the answer: accept (closed) or return (with a comment).")]
public sealed class SupervisionReviewTaskActivity : UserTaskActivity, ITaskCompletionRules
{
    public IReadOnlyList<Problem> CheckCompletion(HumanTask task, string outcome, JsonObject data) =>
        outcome == SupervisionOutcomes.Return && AssessmentActivities.Text(data["comment"], SupervisionService.ReasonMax) is null
            ? [Problem.Of(SupervisionProblems.ReturnComment, "comment", "A returned answer says why and what is still missing.")]
            : [];
}

/// <summary>The issuer accepted the answer: the notice is closed (办结); the enterprise's managers are told.</summary>
[Activity("xf.supervision.Accept", DomainCategories.Assessment, "督办办结", "Close the notice",
    DescriptionZh = "督办方接受回复：督办办结，通知企业负责人。", DescriptionEn = "The issuer accepted the answer: the notice is closed and the enterprise's managers are told.")]
public sealed class AcceptSupervisionAnswerActivity(ISupervisionStore store, IUserDirectory users, INotificationTexts texts) : IActivity
{
    public ActivitySpec Spec { get; } = new([SupervisionActivities.ReviewInput], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var notice = await SupervisionActivities.NoticeAsync(context, store);
        var comment = SupervisionActivities.Comment(context);
        context.Change(notice, "supervision-accepted", comment, n =>
        {
            n.Status = SupervisionStatus.Closed;
            n.ReviewComment = comment;
            n.ReviewedBy = context.User;
            n.ReviewedAt = context.Now;
            n.ClosedAt = context.Now;
        });
        if (notice.TicketId is { } ticket)
            context.Record(ticket, CaseKinds.Ticket, "supervision-accepted", null, null, comment, new JsonObject { ["number"] = notice.Number });
        await SupervisionActivities.TellManagersAsync(context, users, notice, new Notification().WithText("SupervisionClosed", SupervisionActivities.Args(notice, notice.Answer, comment), texts));
        return ActivityResult.Done("done");
    }
}

/// <summary>
/// The issuer returned the answer with a comment: the enterprise owes a new one. It is due by the deadline in force — or,
/// when less than <c>minTime</c> (a day by default) of it is left, <c>minTime</c> after the return: the time the review
/// took is not the enterprise's. The new due time (seconds from now), deadline and comment are stored in
/// <c>resultVariable</c> for the next answer task; the enterprise's managers are told.
/// </summary>
[Activity("xf.supervision.Return", DomainCategories.Assessment, "督办回复退回", "Return the answer",
    DescriptionZh = "督办方退回回复：企业须按退回意见重新回复；期限沿用原期限，剩余不足“最短回复时间”时顺延至退回后该时长。",
    DescriptionEn = "The issuer returned the answer: the enterprise answers again by the deadline in force, or — when less than the minimum time is left — that long after the return.")]
public sealed class ReturnSupervisionAnswerActivity(ISupervisionStore store, IUserDirectory users, INotificationTexts texts) : IActivity
{
    public static readonly TimeSpan DefaultMinTime = TimeSpan.FromDays(1);

    public ActivitySpec Spec { get; } = new(
    [
        SupervisionActivities.ReviewInput,
        new InputDescriptor("minTime", InputKind.Duration, "最短重新回复时间", "Least time to answer again", Default: JsonValue.Create("P1D"),
            HintZh: "退回时距期限不足此时长，则期限顺延至退回后此时长。", HintEn: "When less than this is left of the deadline at the return, the deadline moves to this long after the return."),
        new InputDescriptor("resultVariable", InputKind.VariableName, "结果存入变量", "Store the result in", ExpressionAllowed: false, Default: JsonValue.Create("returned")),
    ], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var notice = await SupervisionActivities.NoticeAsync(context, store);
        var comment = SupervisionActivities.Comment(context)
                      ?? throw new ActivityInputException(context.Activity.Id, "review", "a returned answer carries the reviewer's comment (the review task's 'comment')");
        var least = context.GetDuration("minTime") ?? DefaultMinTime;
        var due = notice.DeadlineInForce - context.Now >= least ? notice.DeadlineInForce : context.Now + least;
        context.Change(notice, "supervision-returned", comment, n =>
        {
            n.Status = SupervisionStatus.Returned;
            n.Returns++;
            if (due != n.Deadline) n.ExtendedDeadline = due;
            n.ReviewComment = comment;
            n.ReviewedBy = context.User;
            n.ReviewedAt = context.Now;
        }, new JsonObject { ["deadline"] = due.ToString("O"), ["extended"] = due != notice.Deadline, ["returns"] = notice.Returns + 1 });
        if (notice.TicketId is { } ticket)
            context.Record(ticket, CaseKinds.Ticket, "supervision-returned", null, null, comment, new JsonObject { ["number"] = notice.Number });
        context.SetVariable(context.GetString("resultVariable") is { Length: > 0 } v ? v : "returned", new JsonObject
        {
            ["comment"] = comment, ["deadline"] = due.ToString("O"), ["deadlineChina"] = due.ToChina().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["dueSeconds"] = (long)Math.Ceiling((due - context.Now).TotalSeconds), ["returns"] = notice.Returns,
        });
        await SupervisionActivities.TellManagersAsync(context, users, notice, new Notification().WithText("SupervisionReturned", SupervisionActivities.Args(notice, notice.Answer, comment), texts));
        return ActivityResult.Done("done");
    }
}
