using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Dispatch;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>
/// Chooses the technician (DSP-2) and stores the decision with its explanation (DSP-3, BEY-3). Outcome
/// "dispatched" when someone qualifies, "manual" when a dispatcher has to decide.
/// </summary>
[Activity("xf.ticket.Dispatch", DomainCategories.Ticket, "自动派单", "Dispatch automatically",
    DescriptionZh = "按持证、能力等级、同区县→同市→最近外市→在办最少的规则选择工程师；无人符合时走 manual。",
    DescriptionEn = "Chooses a certified technician: level, same county → same city → nearest city → workload; 'manual' when nobody qualifies.")]
public sealed class DispatchActivity(INetworkRepository network, DispatchPlanner planner, CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("ticketNo", InputKind.String, "工单编号", "Ticket number"),
            new InputDescriptor("countyCode", InputKind.String, "区县代码", "County code", Required: true),
            new InputDescriptor("productCategory", InputKind.String, "产品类别", "Product category", Required: true),
            new InputDescriptor("grade", InputKind.String, "等级", "Grade", Required: true),
            new InputDescriptor("integratorId", InputKind.String, "责任集成商", "Responsible integrator"),
            new InputDescriptor("resultVariable", InputKind.VariableName, "结果存入变量", "Store result in", Required: true, ExpressionAllowed: false),
        ],
        ["dispatched", "manual"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var integrator = context.GetString("integratorId");
        Guid? integratorId = null;
        if (!string.IsNullOrWhiteSpace(integrator))
            integratorId = Guid.TryParse(integrator, out var g) ? g : throw new ActivityInputException(context.Activity.Id, "integratorId", $"'{integrator}' is not an id");
        // An ungraded ticket is dispatched as the least urgent grade; a grade that is none is a mistake of the definition.
        var gradeText = context.GetString("grade");
        var grade = string.IsNullOrWhiteSpace(gradeText) ? Grade.Default
            : Grade.TryParse(gradeText, out var parsed) ? parsed
            : throw new ActivityInputException(context.Activity.Id, "grade", $"'{gradeText}' is not P1–P4");
        var request = new DispatchRequest(context.GetString("ticketNo") ?? context.Instance.Id.ToString(), context.GetString("countyCode") ?? "",
            context.GetString("productCategory") ?? "", grade, integratorId, context.Now);
        var ticket = await cases.TryTicketAsync(context);
        var (dispatchRules, _) = await cases.Rules.DispatchAsync(ticket?.CityCode ?? cases.Divisions.CityOf(request.CountyCode)?.Code);
        DispatchDecision decision;
        try
        {
            decision = planner.Plan(request, await network.DispatchSnapshotAsync(integratorId, request.ProductCategory), dispatchRules);
        }
        catch (ArgumentException ex)
        {
            throw new ActivityInputException(context.Activity.Id, "countyCode", ex.Message, ex);
        }
        var explanation = Explain(decision);
        if (ticket is not null)
        {
            if (decision.Chosen is { } chosen)
            {
                ticket.AssignTechnician(chosen, decision.ServicePoint!, explanation.ToJsonString(), context.Now);
                CaseSession.SetStatus(context, ticket, TicketStatus.Dispatched, decision.RuleZh, explanation, "dispatched", bySystem: true);
            }
            else
            {
                ticket.DispatchExplanation = explanation.ToJsonString();
                context.Record(ticket, "dispatch-manual", decision.RuleZh, explanation, bySystem: true);
            }
        }
        context.SetVariable(context.GetString("resultVariable")!, new JsonObject
        {
            ["dispatched"] = decision.Dispatched,
            ["technicianId"] = decision.Chosen?.Id.ToString(),
            ["technicianName"] = decision.Chosen?.Name,
            ["technicianUser"] = decision.Chosen?.UserName,
            ["servicePointId"] = decision.ServicePoint?.Id.ToString(),
            ["servicePointCounty"] = decision.ServicePoint?.CountyCode,
            ["enterpriseId"] = decision.Chosen?.EnterpriseId.ToString(),
            ["proximity"] = decision.Proximity?.ToString(),
            ["ruleZh"] = decision.RuleZh,
            ["ruleEn"] = decision.RuleEn,
            ["rejected"] = explanation["rejected"]!.DeepClone(),
        });
        context.JournalData("explanation", decision.RuleZh);
        return ActivityResult.Done(decision.Dispatched ? "dispatched" : "manual");
    }

    /// <summary>How many runner-ups and how many disqualified technicians the stored explanation names.</summary>
    public const int ExplainedRejections = 10;

    /// <summary>
    /// The stored explanation of a decision (DSP-3): the rule, the chosen technician, the next best in ranking order, the
    /// nearest disqualified technicians with their reasons, and how many were rejected for each reason. A regional
    /// network has thousands of technicians: naming every one of them on every ticket would make each ticket megabytes.
    /// </summary>
    public static JsonObject Explain(DispatchDecision decision)
    {
        static JsonNode Entry(Rejection r) => new JsonObject { ["technician"] = r.Technician, ["code"] = r.Code, ["reasonZh"] = r.ReasonZh, ["reasonEn"] = r.ReasonEn };
        var runnersUp = decision.Rejected.Where(r => r.Code == "ranked-lower").Take(ExplainedRejections);
        var disqualified = decision.Rejected.Where(r => r.Code != "ranked-lower").Take(ExplainedRejections);
        var counts = new JsonObject();
        foreach (var g in decision.Rejected.GroupBy(r => r.Code)) counts[g.Key] = g.Count();
        return new JsonObject
        {
            ["ruleZh"] = decision.RuleZh,
            ["ruleEn"] = decision.RuleEn,
            ["technician"] = decision.Chosen?.Name,
            ["technicianUser"] = decision.Chosen?.UserName,
            ["servicePoint"] = decision.ServicePoint?.Name,
            // The county the technician comes from, as it was at this dispatch (the export's dispatched event carries it).
            ["servicePointCounty"] = decision.ServicePoint?.CountyCode,
            ["proximity"] = decision.Proximity?.ToString(),
            ["distanceKm"] = decision.DistanceKm,
            ["ranking"] = new JsonArray(decision.RankingZh.Take(ExplainedRejections + 1).Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
            ["rejected"] = new JsonArray(runnersUp.Concat(disqualified).Select(Entry).ToArray()),
            ["rejectedCounts"] = counts,
            ["rejectedTotal"] = decision.Rejected.Count,
        };
    }
}
