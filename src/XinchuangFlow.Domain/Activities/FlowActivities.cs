using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Domain.Activities;

/// <summary>Records the request as a work order in the instance's first transaction (number assigned at intake).</summary>
[Activity("xf.ticket.Register", DomainCategories.Ticket, "登记工单", "Register work order",
    DescriptionZh = "把受理的请求登记为工单（编号、单位、地点、产品、描述），与流程同一事务写入。",
    DescriptionEn = "Records the request as a work order (number, unit, location, product, description) in the flow's transaction.")]
public sealed class RegisterActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("request", InputKind.Json, "受理请求", "Request", Required: true, HintZh: "通常为 vars.request", HintEn: "usually vars.request"),
            new InputDescriptor("resultVariable", InputKind.VariableName, "工单信息存入变量", "Store ticket in", ExpressionAllowed: false),
        ],
        ["done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var request = CaseSession.Read<TicketRequest>(context, "request")
                      ?? throw new ActivityInputException(context.Activity.Id, "request", "the request is empty");
        request.Clean();
        var errors = request.Validate(cases.Divisions);
        if (request.Number is not { Length: > 0 }) errors["number"] = ["The ticket number is missing (the intake assigns it)."];
        if (errors.Count > 0)
            throw new ActivityInputException(context.Activity.Id, "request", string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        var ticket = request.ToTicket(context.Instance.Id, context.Now, context.User);
        cases.Registered(context, ticket);
        CaseSession.Event(context, ticket.Id, "ticket", "submitted", null, TicketStatus.Submitted,
            $"经{Channels.NamesZh[ticket.Channel]}受理：{ticket.Title}");
        if (context.GetString("resultVariable") is { Length: > 0 } variable)
            context.SetVariable(variable, new JsonObject
            {
                ["id"] = ticket.Id.ToString(), ["number"] = ticket.Number, ["createdBy"] = ticket.CreatedBy,
                ["cityCode"] = ticket.CityCode, ["countyCode"] = ticket.CountyCode,
            });
        context.JournalData("ticket", ticket.Number);
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}

/// <summary>An agent changes the automatic grade with a reason (DSP-1); running clocks follow the new grade.</summary>
[Activity("xf.ticket.OverrideGrade", DomainCategories.Ticket, "人工调整等级", "Override grade",
    DescriptionZh = "人工调整等级，必须填写原因；运行中的响应、解决时钟按新等级重算时限。",
    DescriptionEn = "Changes the grade with a required reason; running response and resolution clocks take the new grade's targets.")]
public sealed class OverrideGradeActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("grade", InputKind.String, "新等级", "New grade", Required: true),
            new InputDescriptor("reason", InputKind.Text, "调整原因", "Reason", Required: true),
        ],
        ["done", "unchanged"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var grade = context.GetString("grade")?.Trim().ToUpperInvariant();
        var reason = context.GetString("reason")?.Trim();
        if (string.IsNullOrEmpty(grade)) return ActivityResult.Done("unchanged");
        if (grade is not ("P1" or "P2" or "P3" or "P4")) throw new ActivityInputException(context.Activity.Id, "grade", $"'{grade}' is not P1–P4");
        if (string.IsNullOrEmpty(reason)) throw new ActivityInputException(context.Activity.Id, "reason", "a grade override needs a reason");
        var ticket = await cases.TicketAsync(context);
        if (ticket.Grade == grade) return ActivityResult.Done("unchanged");
        var (rules, set) = await cases.SlaAsync(ticket);
        var (from, retargeted) = ticket.OverrideGrade(grade, reason, context.User, context.Now, rules, $"rules sla/{set.Scope} v{set.Version}");
        foreach (var kind in retargeted) context.RaiseLocalSignal(SlaCategory.Signal(kind));
        context.StageInsert(CaseSession.GradeOverrideEvent(ticket, from, grade, reason, context.User, context.Now));
        return ActivityResult.Done("done");
    }
}

/// <summary>Manual dispatch or re-dispatch with a reason (DSP-3): the technician must still qualify.</summary>
[Activity("xf.ticket.Assign", DomainCategories.Ticket, "人工派单", "Assign manually",
    DescriptionZh = "指定工程师（须持有效证书、所属企业在名录中），记录原因；不符合时走 invalid。",
    DescriptionEn = "Assigns a named technician (valid certificate, active enterprise) with a reason; 'invalid' when they do not qualify.")]
public sealed class AssignActivity(CaseSession cases, INetworkRepository network) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("technicianUser", InputKind.String, "工程师账号", "Technician user", Required: true),
            new InputDescriptor("reason", InputKind.Text, "原因", "Reason", Required: true),
            new InputDescriptor("resultVariable", InputKind.VariableName, "结果存入变量", "Store result in", Required: true, ExpressionAllowed: false),
        ],
        ["assigned", "invalid"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        var user = context.GetString("technicianUser")?.Trim() ?? "";
        var reason = context.GetString("reason")?.Trim();
        var snapshot = await network.SnapshotAsync();
        var problem = TechnicianProblem(snapshot, user, ticket.ProductCategory, context.Now, out var technician, out var point);
        if (string.IsNullOrEmpty(reason)) problem ??= "未填写派单原因";
        if (problem is not null)
        {
            CaseSession.Event(context, ticket.Id, "ticket", "assign-refused", ticket.Status, ticket.Status, $"不能派给 {user}：{problem}");
            context.SetVariable(context.GetString("resultVariable")!, new JsonObject { ["dispatched"] = false, ["problem"] = problem });
            return ActivityResult.Done("invalid");
        }
        var explanation = new JsonObject { ["ruleZh"] = $"人工派单：{reason}", ["technician"] = technician!.Name, ["previous"] = ticket.TechnicianName, ["by"] = context.User };
        ticket.AssignTechnician(technician, point!, explanation.ToJsonString(), context.Now);
        CaseSession.SetStatus(context, ticket, TicketStatus.Dispatched, $"人工派单给{technician.Name}：{reason}", explanation, "dispatched-manual");
        context.SetVariable(context.GetString("resultVariable")!, DispatchVariable(technician, point!, $"人工派单：{reason}"));
        return ActivityResult.Done("assigned");
    }

    /// <summary>The flow's <c>dispatch</c> variable for a technician chosen by hand (later tasks are assigned from it).</summary>
    public static JsonObject DispatchVariable(Technician technician, ServicePoint point, string ruleZh) => new()
    {
        ["dispatched"] = true, ["technicianId"] = technician.Id.ToString(), ["technicianName"] = technician.Name,
        ["technicianUser"] = technician.UserName, ["servicePointId"] = point.Id.ToString(), ["servicePointCounty"] = point.CountyCode,
        ["ruleZh"] = ruleZh,
    };

    /// <summary>Why a technician cannot take a ticket of this category now, or null when they can.</summary>
    public static string? TechnicianProblem(NetworkSnapshot snapshot, string user, string category, DateTimeOffset now, out Technician? technician, out ServicePoint? point)
    {
        var tech = snapshot.Technicians.FirstOrDefault(t => string.Equals(t.UserName, user, StringComparison.OrdinalIgnoreCase));
        technician = tech;
        point = tech is null ? null : snapshot.ServicePoints.FirstOrDefault(p => p.Id == tech.ServicePointId);
        if (tech is null) return "不是登记的服务工程师";
        var enterprise = snapshot.Enterprises.FirstOrDefault(e => e.Id == tech.EnterpriseId);
        if (enterprise is not { Status: ShortlistStatus.Active }) return $"所属企业{enterprise?.Name}不在有效名录中";
        if (!tech.Active) return "人员已停用";
        var day = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        if (!snapshot.Certificates.Any(c => c.TechnicianId == tech.Id && string.Equals(c.ProductCategory, category, StringComparison.OrdinalIgnoreCase) && c.ValidOn(day)))
            return $"没有“{ProductCategories.Names.GetValueOrDefault(category, category)}”类有效证书";
        if (point is null) return "所属服务网点不存在";
        return null;
    }
}

/// <summary>Sets the ticket's status with a history line.</summary>
[Activity("xf.ticket.SetStatus", DomainCategories.Ticket, "设置工单状态", "Set ticket status",
    DescriptionZh = "把工单置为指定状态并记入历史。", DescriptionEn = "Sets the ticket's status and records it in the history.")]
public sealed class SetTicketStatusActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("status", InputKind.String, "状态", "Status", Required: true, ExpressionAllowed: false,
                HintZh: string.Join(" / ", TicketStatus.NamesZh.Select(kv => $"{kv.Key} {kv.Value}"))),
            new InputDescriptor("note", InputKind.Text, "说明", "Note"),
        ],
        ["done"]);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model)
    {
        if (model.Inputs.GetValueOrDefault("status") is JsonValue v && v.TryGetValue<string>(out var s) && !TicketStatus.IsKnown(s))
            yield return $"input 'status': '{s}' is not a ticket status";
    }

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        CaseSession.SetStatus(context, ticket, context.GetString("status")!, context.GetString("note"));
        return ActivityResult.Done("done");
    }
}

/// <summary>The technician arrives (or handles remotely): the on-site clock stops (SLA-1).</summary>
[Activity("xf.ticket.CheckIn", DomainCategories.Ticket, "到场签到", "Check in",
    DescriptionZh = "记录到场时间和位置（或远程处理），停止到场时钟并判定是否超时。",
    DescriptionEn = "Records arrival time and place (or remote handling), stops the on-site clock and judges the breach.")]
public sealed class CheckInActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("location", InputKind.String, "位置", "Location"),
            new InputDescriptor("remote", InputKind.Boolean, "远程处理", "Remote", Default: JsonValue.Create(false)),
        ],
        ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        var remote = context.GetBool("remote");
        var location = (context.GetString("location") ?? "");
        ticket.CheckInAt = context.Now;
        ticket.CheckInLocation = location.Length > 200 ? location[..200] : location;
        ticket.RemoteHandled = remote;
        CaseSession.SetStatus(context, ticket, remote ? TicketStatus.Remote : TicketStatus.OnSite,
            remote ? "远程处理" : $"到场签到{(location.Length > 0 ? "：" + ticket.CheckInLocation : "")}",
            new JsonObject { ["at"] = context.Now.ToString("O"), ["location"] = ticket.CheckInLocation, ["remote"] = remote }, "check-in");
        await StopClockActivity.StopAsync(context, cases, ticket, ClockKind.OnSite);
        return ActivityResult.Done("done");
    }
}

/// <summary>Records the resolution and stops the resolution clock; the ticket then waits for feedback.</summary>
[Activity("xf.ticket.Resolve", DomainCategories.Ticket, "登记解决", "Resolve",
    DescriptionZh = "记录处理结果和引用的知识，停止解决时钟，工单进入待评价。",
    DescriptionEn = "Records the resolution and cited knowledge, stops the resolution clock; the ticket awaits feedback.")]
public sealed class ResolveActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("resolution", InputKind.Text, "处理结果", "Resolution", Required: true),
            new InputDescriptor("citedArticles", InputKind.String, "引用知识", "Cited articles"),
        ],
        ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var resolution = context.GetString("resolution") ?? "";
        if (!TextRules.HasVisibleText(resolution)) throw new ActivityInputException(context.Activity.Id, "resolution", "the resolution is empty");
        var ticket = await cases.TicketAsync(context);
        ticket.Resolution = resolution.Length > 10_000 ? resolution[..10_000] : resolution;
        ticket.CitedArticles = context.GetString("citedArticles");
        ticket.ResolvedAt = context.Now;
        CaseSession.SetStatus(context, ticket, TicketStatus.Resolved, ticket.Resolution, kind: "resolved");
        await StopClockActivity.StopAsync(context, cases, ticket, ClockKind.Resolution);
        CaseSession.SetStatus(context, ticket, TicketStatus.AwaitingFeedback);
        return ActivityResult.Done("done");
    }
}

/// <summary>The requester's satisfaction (1–5) and comment; below the threshold the ticket goes to "unsatisfied".</summary>
[Activity("xf.ticket.Feedback", DomainCategories.Ticket, "用户评价", "Feedback",
    DescriptionZh = "记录满意度（1–5）和意见；低于阈值走 unsatisfied（可重开），否则 satisfied。",
    DescriptionEn = "Records satisfaction (1–5) and comment; below the threshold goes 'unsatisfied' (reopen), else 'satisfied'.")]
public sealed class FeedbackActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("satisfaction", InputKind.Number, "满意度", "Satisfaction", Required: true),
            new InputDescriptor("comment", InputKind.Text, "意见", "Comment"),
            new InputDescriptor("threshold", InputKind.Number, "满意阈值", "Satisfied from", Default: JsonValue.Create(3)),
        ],
        ["satisfied", "unsatisfied"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var value = context.GetInput("satisfaction");
        int score;
        if (value is JsonValue jv && jv.TryGetValue<double>(out var d)) score = (int)Math.Round(d);
        else if (value is JsonValue js && js.TryGetValue<string>(out var s) && int.TryParse(s, out var parsed)) score = parsed;
        else throw new ActivityInputException(context.Activity.Id, "satisfaction", $"'{value?.ToJsonString()}' is not a number from 1 to 5");
        if (score is < 1 or > 5) throw new ActivityInputException(context.Activity.Id, "satisfaction", $"{score} is not between 1 and 5");
        var threshold = context.GetInput("threshold") is JsonValue t && t.TryGetValue<double>(out var th) ? th : 3;
        var ticket = await cases.TicketAsync(context);
        ticket.Satisfaction = score;
        ticket.FeedbackComment = context.GetString("comment") ?? "";
        ticket.UpdatedAt = context.Now;
        CaseSession.Event(context, ticket.Id, "ticket", "feedback", ticket.Status, ticket.Status, $"满意度 {score}/5{(ticket.FeedbackComment.Length > 0 ? "：" + ticket.FeedbackComment : "")}",
            new JsonObject { ["satisfaction"] = score, ["comment"] = ticket.FeedbackComment });
        return ActivityResult.Done(score >= threshold ? "satisfied" : "unsatisfied");
    }
}

/// <summary>The requester was not satisfied: the ticket is reopened; the resolution clock runs on (not first-time fix).</summary>
[Activity("xf.ticket.Reopen", DomainCategories.Ticket, "重开工单", "Reopen",
    DescriptionZh = "重开工单：不再计为一次解决，解决时钟从停止处继续（中间时间计为暂停）。",
    DescriptionEn = "Reopens the ticket: no longer a first-time fix; the resolution clock continues where it stopped.")]
public sealed class ReopenActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("reason", InputKind.Text, "原因", "Reason")], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        var (rules, _) = await cases.SlaAsync(ticket);
        ticket.FirstTimeFix = false;
        ticket.ReopenCount++;
        ticket.ClosedAt = null;
        CaseSession.SetStatus(context, ticket, TicketStatus.Reopened, context.GetString("reason") ?? "用户不满意，工单重开", kind: "reopened");
        var clock = ticket.Clocks().Resolution;
        if (clock.State == ClockState.Stopped)
        {
            clock.Reopen(context.Now);
            CaseSession.ClockEvent(context, ticket, clock, "reopen", rules.WorkingCalendar);
            context.RaiseLocalSignal(SlaCategory.Signal(ClockKind.Resolution));
        }
        return ActivityResult.Done("done");
    }
}

/// <summary>Closes the ticket: every clock still running stops.</summary>
[Activity("xf.ticket.Close", DomainCategories.Ticket, "关闭工单", "Close",
    DescriptionZh = "关闭工单，停止仍在运行的时钟。", DescriptionEn = "Closes the ticket and stops any clock still running.")]
public sealed class CloseActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("note", InputKind.Text, "说明", "Note")], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        foreach (var kind in new[] { ClockKind.Response, ClockKind.OnSite, ClockKind.Resolution })
            await StopClockActivity.StopAsync(context, cases, ticket, kind);
        ticket.ClosedAt = context.Now;
        CaseSession.SetStatus(context, ticket, TicketStatus.Closed, context.GetString("note") ?? "工单关闭", kind: "closed");
        return ActivityResult.Done("done");
    }
}

/// <summary>The integrator asks the product vendor for help (vendor-support subtask); the resolution clock waits.</summary>
[Activity("xf.ticket.RequestVendorSupport", DomainCategories.Ticket, "申请厂商支持", "Request vendor support",
    DescriptionZh = "请产品供应商协同处理：按工单的产品厂商选择供应商，解决时钟暂停等待厂商。",
    DescriptionEn = "Asks the product vendor to help: chosen by the ticket's product vendor; the resolution clock pauses meanwhile.")]
public sealed class RequestVendorSupportActivity(CaseSession cases, INetworkRepository network) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("vendorId", InputKind.String, "供应商", "Vendor"),
            new InputDescriptor("note", InputKind.Text, "需求说明", "What is needed"),
            new InputDescriptor("resultVariable", InputKind.VariableName, "供应商存入变量", "Store vendor in", ExpressionAllowed: false),
        ],
        ["requested", "noVendor"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        var vendors = (await network.EnterprisesAsync()).Where(e => e.Kind == EnterpriseKind.ProductVendor && e.Status == ShortlistStatus.Active).ToList();
        var wanted = context.GetString("vendorId");
        var vendor = Guid.TryParse(wanted, out var id) ? vendors.FirstOrDefault(v => v.Id == id)
            : vendors.FirstOrDefault(v => ticket.ProductVendor is { Length: > 1 } pv && (v.Name.Contains(pv, StringComparison.OrdinalIgnoreCase) || pv.Contains(v.Name.Split('（')[0], StringComparison.OrdinalIgnoreCase)))
              ?? vendors.OrderBy(v => v.Name, StringComparer.Ordinal).FirstOrDefault();
        if (vendor is null)
        {
            CaseSession.Event(context, ticket.Id, "ticket", "vendor-none", ticket.Status, ticket.Status, "没有可协同的有效产品供应商");
            return ActivityResult.Done("noVendor");
        }
        ticket.VendorId = vendor.Id;
        var (rules, _) = await cases.SlaAsync(ticket);
        var clock = ticket.Clocks().Resolution;
        if (clock.State == ClockState.Running)
        {
            clock.Pause(context.Now, rules.WorkingCalendar);
            CaseSession.ClockEvent(context, ticket, clock, "pause", rules.WorkingCalendar, "等待厂商支持");
            context.RaiseLocalSignal(SlaCategory.Signal(ClockKind.Resolution));
        }
        CaseSession.SetStatus(context, ticket, TicketStatus.VendorSupport, $"申请{vendor.Name}协同：{context.GetString("note")}", kind: "vendor-requested");
        if (context.GetString("resultVariable") is { Length: > 0 } variable)
            context.SetVariable(variable, new JsonObject { ["id"] = vendor.Id.ToString(), ["name"] = vendor.Name });
        return ActivityResult.Done("requested");
    }
}

/// <summary>Files a complaint (FLOW-2), linked to its ticket when there is one.</summary>
[Activity("xf.complaint.File", DomainCategories.Ticket, "登记投诉", "File complaint",
    DescriptionZh = "登记采购单位的投诉（可关联工单），与流程同一事务写入。",
    DescriptionEn = "Records a procurement unit's complaint (optionally on a ticket) in the flow's transaction.")]
public sealed class FileComplaintActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [new InputDescriptor("complaint", InputKind.Json, "投诉内容", "Complaint", Required: true, HintZh: "通常为 vars.complaint")],
        ["done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var c = CaseSession.Read<Complaint>(context, "complaint") ?? throw new ActivityInputException(context.Activity.Id, "complaint", "the complaint is empty");
        if (string.IsNullOrWhiteSpace(c.Number)) throw new ActivityInputException(context.Activity.Id, "complaint", "the complaint number is missing");
        c.Description ??= "";
        if (!TextRules.HasVisibleText(c.Description)) throw new ActivityInputException(context.Activity.Id, "complaint", "the complaint has no description");
        c.Id = Guid.CreateVersion7();
        c.InstanceId = context.Instance.Id;
        c.Version = 0;
        c.Status = ComplaintStatus.Filed;
        c.CreatedAt = c.UpdatedAt = context.Now;
        c.CreatedBy ??= context.User;
        cases.ComplaintFiled(context, c);
        CaseSession.Event(context, c.Id, "complaint", "filed", null, ComplaintStatus.Filed, c.Description);
        if (c.TicketId is { } ticketId)
            CaseSession.Event(context, ticketId, "ticket", "complaint", null, null, $"用户投诉 {c.Number}：{c.Description}", new JsonObject { ["complaint"] = c.Number });
        context.JournalData("complaint", c.Number);
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}

/// <summary>Moves a complaint to its next step, recording the text of the step and its deadline.</summary>
[Activity("xf.complaint.Step", DomainCategories.Ticket, "投诉环节", "Complaint step",
    DescriptionZh = "把投诉推进到下一环节（企业处理、市级审核、用户确认、办结），记录处理意见和本环节时限。",
    DescriptionEn = "Moves the complaint to a step (handling, reviewing, confirming, closed), recording the text and the step's deadline.")]
public sealed class ComplaintStepActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("status", InputKind.String, "环节", "Step", Required: true, ExpressionAllowed: false,
                HintZh: string.Join(" / ", ComplaintStatus.NamesZh.Select(kv => $"{kv.Key} {kv.Value}"))),
            new InputDescriptor("field", InputKind.String, "记录到", "Record into", ExpressionAllowed: false, HintZh: "enterpriseResponse / coordinatorOpinion / userConfirmation"),
            new InputDescriptor("text", InputKind.Text, "内容", "Text"),
            new InputDescriptor("dueIn", InputKind.Duration, "本环节时限", "Step deadline"),
        ],
        ["done"]);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model)
    {
        if (model.Inputs.GetValueOrDefault("status") is JsonValue v && v.TryGetValue<string>(out var s) && !ComplaintStatus.IsKnown(s))
            yield return $"input 'status': '{s}' is not a complaint status";
        if (model.Inputs.GetValueOrDefault("field") is JsonValue f && f.TryGetValue<string>(out var field) && field is not ("enterpriseResponse" or "coordinatorOpinion" or "userConfirmation"))
            yield return $"input 'field': '{field}' is not enterpriseResponse, coordinatorOpinion or userConfirmation";
    }

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var complaint = await cases.ComplaintAsync(context);
        var status = context.GetString("status")!;
        var text = context.GetString("text") ?? "";
        switch (context.GetString("field"))
        {
            case "enterpriseResponse": complaint.EnterpriseResponse = text; break;
            case "coordinatorOpinion": complaint.CoordinatorOpinion = text; break;
            case "userConfirmation": complaint.UserConfirmation = text; break;
        }
        if (status == ComplaintStatus.Handling && complaint.Status is ComplaintStatus.Reviewing or ComplaintStatus.Confirming) complaint.Rounds++;
        var due = context.GetDuration("dueIn");
        complaint.StepDueAt = due is { } d ? context.Now + d : null;
        if (status == ComplaintStatus.Closed) complaint.ClosedAt = context.Now;
        CaseSession.SetStatus(context, complaint, status, text.Length > 0 ? text : null);
        return ActivityResult.Done("done");
    }
}
