using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

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
        if (request.Number is not { Length: > 0 }) errors.Add(Problem.Of(TextProblems.Required, "number", "The ticket number is missing (the intake assigns it)."));
        if (errors.Count > 0)
            throw new ActivityInputException(context.Activity.Id, "request", string.Join(" ", errors.Select(p => $"{p.Field}: {p.Message}")));
        var ticket = request.ToTicket(context.Instance.Id, context.Now, context.User);
        context.Insert(ticket);
        context.Record(ticket.Id, CaseKinds.Ticket, "submitted", null, TicketStatus.Submitted.Code,
            $"经{Channels.NamesZh[ticket.Channel]}受理：{ticket.Title}", new JsonObject { ["channel"] = ticket.Channel, ["title"] = ticket.Title });
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
