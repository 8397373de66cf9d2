using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Cases;
using XinchuangFlow.Cases.Activities;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets.Actions;

/// <summary>
/// Manual re-dispatch with a reason (DSP-3) outside the flow's own steps: the new technician must qualify; the ticket
/// and its open technician tasks move to them in one transaction, and the history records who and why. A name that is
/// no technician the actor may see is refused with one answer, whether or not such a user exists.
/// </summary>
public sealed class RedispatchAction(INetworkRepository network, WorkflowRuntime runtime, AccessService access, TimeProvider clock) : ITicketAction
{
    public const string ActionKey = "redispatch";

    public string Key => ActionKey;
    public string TitleKey => "Ticket.Redispatch";
    public string DoneKey => "Ticket.Redispatched";

    public IReadOnlyList<TicketActionField> Fields { get; } =
    [
        new("technicianUser", TicketActionValueType.Technician, "Ticket.TechnicianUser") { Required = true },
        new("reason", TicketActionValueType.LongText, "Inbox.Reason") { Required = true },
    ];

    public ValueTask<TicketActionCheck> CheckAsync(Actor actor, Ticket ticket, CancellationToken ct) => ValueTask.FromResult(
        !access.IsAgent(actor) ? TicketActionCheck.NotYou("Only dispatchers, the enterprise's service manager, coordinators and the Data Bureau re-dispatch.")
        : !ticket.MayBeRedispatched ? TicketActionCheck.NotNow($"Ticket {ticket.Number} is {ticket.Status}; it can no longer be re-dispatched.")
        : TicketActionCheck.May);

    public async Task RunAsync(TicketActionRun run)
    {
        var (ticket, technicianUser, reason, ct) = (run.Ticket, run.Form["technicianUser"], run.Form["reason"], run.Cancellation);
        var snapshot = await network.TechnicianSnapshotAsync(technicianUser, ticket.ProductCategory, ct);
        var problem = AssignActivity.TechnicianProblem(snapshot, technicianUser, ticket.ProductCategory, clock.GetUtcNow(), out var technician, out var point);
        // A name that is no technician (no user at all, or a user of another kind) and a technician of an enterprise the
        // actor may not see get one and the same answer: the form tells nobody which names exist. Why a technician the
        // actor sees in the network cannot take the ticket (expired certificate, disabled…) is said as before.
        if (technician is null || !access.MaySeeEnterprise(run.Actor, technician.EnterpriseId))
            throw new InvalidInputException(Problem.Of(TicketProblems.TechnicianNotEligible, "technicianUser", $"The person named is not a technician who can take this ticket: choose an active technician of an active " +
                $"integrator with a valid certificate for {ProductCategories.Names.GetValueOrDefault(ticket.ProductCategory, ticket.ProductCategory)}.", ("category", ticket.ProductCategory)));
        if (problem is not null) throw new InvalidInputException(Problem.Of(TicketProblems.TechnicianUnfit, "technicianUser", $"{technicianUser}: {problem}", ("user", technicianUser), ("reason", problem)));
        if (ticket.IntegratorId is { } integrator && technician.EnterpriseId != integrator)
            throw new InvalidInputException(Problem.Of(TicketProblems.TechnicianOtherEnterprise, "technicianUser", "The technician works for another enterprise than the ticket's responsible integrator."));
        var by = run.Actor.UserName!;
        await run.AmendAsync("re-dispatch", async (amendment, current) =>
        {
            var previous = current.TechnicianUser;
            var open = await runtime.Store.ListTasksAsync(new Engine.Abstractions.TaskQuery(InstanceId: current.InstanceId, Status: HumanTaskStatus.Open), ct);
            var explanation = new JsonObject { ["ruleZh"] = $"改派：{reason}", ["ruleEn"] = $"re-dispatched: {reason}", ["technician"] = technician.Name, ["previous"] = previous, ["by"] = by };
            amendment.Change(current, "redispatched", $"改派给{technician.Name}：{reason}",
                t => t.AssignTechnician(technician, point!, explanation.ToJsonString(), amendment.Now),
                new JsonObject { ["from"] = previous, ["to"] = technician.UserName, ["technician"] = technician.Name, ["servicePointCounty"] = point!.CountyCode, ["reason"] = reason });
            // Later steps of the flow assign to the dispatched technician: point them at the new one.
            amendment.SetVariable("dispatch", AssignActivity.DispatchVariable(technician, point!, $"改派：{reason}"));
            foreach (var task in open.Where(t => previous is not null && string.Equals(t.AssigneeUser, previous, StringComparison.OrdinalIgnoreCase)))
                amendment.ReassignTask(task.Id, technician.UserName);
            return true;
        });
    }
}
