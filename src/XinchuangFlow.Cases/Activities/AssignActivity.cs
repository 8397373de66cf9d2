using XinchuangFlow.Domain.Time;
using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

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
        var snapshot = await network.TechnicianSnapshotAsync(user, ticket.ProductCategory);
        var problem = TechnicianProblem(snapshot, user, ticket.ProductCategory, context.Now, out var technician, out var point);
        if (string.IsNullOrEmpty(reason)) problem ??= "未填写派单原因";
        if (problem is not null)
        {
            context.Record(ticket, "assign-refused", $"不能派给 {user}：{problem}");
            context.SetVariable(context.GetString("resultVariable")!, new JsonObject { ["dispatched"] = false, ["problem"] = problem });
            return ActivityResult.Done("invalid");
        }
        var explanation = new JsonObject { ["ruleZh"] = $"人工派单：{reason}", ["ruleEn"] = $"assigned by hand: {reason}", ["reason"] = reason, ["technician"] = technician!.Name, ["servicePointCounty"] = point!.CountyCode, ["previous"] = ticket.TechnicianName, ["by"] = context.User };
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
        var day = ChinaTime.DayOf(now);
        if (!snapshot.Certificates.Any(c => c.TechnicianId == tech.Id && string.Equals(c.ProductCategory, category, StringComparison.OrdinalIgnoreCase) && c.ValidOn(day)))
            return $"没有“{ProductCategories.Names.GetValueOrDefault(category, category)}”类有效证书";
        if (point is null) return "所属服务网点不存在";
        return null;
    }
}
