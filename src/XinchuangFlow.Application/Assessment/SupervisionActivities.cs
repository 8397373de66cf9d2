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
    public static readonly Type[] Types = [typeof(OpenSupervisionActivity), typeof(SupervisionAnswerTaskActivity), typeof(RecordSupervisionAnswerActivity), typeof(EscalateSupervisionActivity)];

    /// <summary>The notice whose flow this instance is: joined to the burst once.</summary>
    internal static async Task<SupervisionNotice> NoticeAsync(ActivityContext context, ISupervisionStore store) =>
        context.Joined<SupervisionNotice>() is { } joined ? joined
        : context.Join(await store.OfInstanceAsync(context.Instance.Id, context.Cancellation)
                       ?? throw new InvalidOperationException($"Instance {context.Instance.Id} has no supervision notice; start the flow with xf.supervision.Open."));

    internal static string What(SupervisionNotice n) => n.TicketNumber is { } t ? $"工单 {t}" : n.EnterpriseName;

    /// <summary>The enterprise's managers, each told by inbox and e-mail.</summary>
    internal static async Task TellManagersAsync(ActivityContext context, IUserDirectory users, SupervisionNotice n, Func<Notification> make)
    {
        foreach (var m in await users.TeamAsync(Roles.EnterpriseManager, n.EnterpriseId, null, null, 50, context.Cancellation))
            foreach (var channel in new[] { "inbox", "email" })
            {
                var note = make();
                (note.ToUser, note.Channel) = (m.UserName, channel);
                context.Notify(note);
            }
    }

    /// <summary>The notice's words as a coded text: its number, enterprise, deadline (China time) and reason.</summary>
    internal static Dictionary<string, string> Args(SupervisionNotice n, string? answer = null) => new()
    {
        ["number"] = n.Number, ["enterprise"] = n.EnterpriseName, ["deadline"] = n.Deadline.ToChina().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["reason"] = n.Reason, ["answer"] = answer ?? "",
    };
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

/// <summary>Records the enterprise's answer (the task's <c>answer</c>): on time when by the deadline; the issuer is told.</summary>
[Activity("xf.supervision.RecordAnswer", DomainCategories.Assessment, "登记督办回复", "Record the answer",
    DescriptionZh = "登记企业的回复（期限内为按期回复，逾期为逾期回复），并通知督办方。", DescriptionEn = "Records the answer (on time by the deadline, late after it) and tells the issuer.")]
public sealed class RecordSupervisionAnswerActivity(ISupervisionStore store) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("answer", InputKind.Json, "回复（任务表单数据）", "The answer (the task's form data)", Required: true)], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var notice = await SupervisionActivities.NoticeAsync(context, store);
        var text = AssessmentActivities.Text((context.GetInput("answer") as JsonObject ?? [])["answer"], 4000) ?? "";
        var late = context.Now > notice.Deadline;
        context.Change(notice, late ? "supervision-answered-late" : "supervision-answered", text, n =>
        {
            n.Status = late ? SupervisionStatus.AnsweredLate : SupervisionStatus.Answered;
            n.Answer = text;
            n.AnsweredAt = context.Now;
            n.AnsweredBy = context.User;
        });
        if (notice.TicketId is { } ticket)
            context.Record(ticket, CaseKinds.Ticket, late ? "supervision-answered-late" : "supervision-answered", null, null, text, new JsonObject { ["number"] = notice.Number });
        var subject = $"【督办回复】{notice.Number} {SupervisionActivities.What(notice)}：{notice.EnterpriseName}已{(late ? "逾期" : "按期")}回复";
        var (key, args) = (late ? "SupervisionAnsweredLate" : "SupervisionAnswered", SupervisionActivities.Args(notice, text));
        foreach (var channel in new[] { "inbox", "email" })
        {
            context.Notify(new Notification { ToUser = notice.IssuedBy, Subject = subject, Body = text, Channel = channel }.WithText(key, args));
            if (late) context.Notify(new Notification { ToRole = Roles.DataBureauAdmin, Subject = subject, Body = text, Channel = channel }.WithText(key, args));
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
public sealed class EscalateSupervisionActivity(ISupervisionStore store, IUserDirectory users) : IActivity
{
    public ActivitySpec Spec { get; } = new([], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var notice = await SupervisionActivities.NoticeAsync(context, store);
        context.Change(notice, "supervision-escalated", null, n =>
        {
            n.Status = SupervisionStatus.Escalated;
            n.EscalatedAt = context.Now;
        });
        var subject = $"【督办逾期】{notice.Number} {SupervisionActivities.What(notice)}：{notice.EnterpriseName}未在 {notice.Deadline.ToChina():yyyy-MM-dd HH:mm} 前回复";
        var body = $"督办事由：{notice.Reason}";
        var args = SupervisionActivities.Args(notice);
        foreach (var channel in new[] { "inbox", "email" })
        {
            context.Notify(new Notification { ToUser = notice.IssuedBy, Subject = subject, Body = body, Channel = channel }.WithText("SupervisionEscalated", args));
            context.Notify(new Notification { ToRole = Roles.DataBureauAdmin, Subject = subject, Body = body, Channel = channel }.WithText("SupervisionEscalated", args));
        }
        await SupervisionActivities.TellManagersAsync(context, users, notice,
            () => new Notification { Subject = subject, Body = body + "。请尽快回复。" }.WithText("SupervisionEscalatedToEnterprise", args));
        return ActivityResult.Done("done");
    }
}
