using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets.Actions;

/// <summary>One run of a ticket action: who, on which ticket (found within their scope and checked), with which form.</summary>
public sealed class TicketActionRun
{
    private readonly TicketActionService _service;

    internal TicketActionRun(TicketActionService service, ITicketAction action, Actor actor, Ticket ticket, TicketActionForm form, CancellationToken ct)
    {
        _service = service;
        Action = action;
        Actor = actor;
        Ticket = ticket;
        Form = form;
        Cancellation = ct;
    }

    public ITicketAction Action { get; }
    public Actor Actor { get; }

    /// <summary>The ticket as it was read before the run (inside an amendment, use the fresh one it is given).</summary>
    public Ticket Ticket { get; }

    public TicketActionForm Form { get; }
    public CancellationToken Cancellation { get; }

    /// <summary>
    /// Changes the ticket in an amendment of its flow (<see cref="WorkflowRuntime.AmendAsync"/>): the ticket is read
    /// afresh and the action's <see cref="ITicketAction.CheckAsync"/> asked again on it — a conflict runs it again
    /// with the current ticket —, then <paramref name="change"/> joins it through <c>CaseWork</c> (a guarded update,
    /// its version and a history line in the flow's transaction). A check that now refuses is thrown as at the start
    /// (403 or 409); an action done meanwhile, or a change that answers false, leaves everything as it was and returns false.
    /// </summary>
    public Task<bool> AmendAsync(string reason, Func<InstanceAmendment, Ticket, Task<bool>> change) => _service.AmendAsync(this, reason, change);

    /// <inheritdoc cref="AmendAsync(string, Func{InstanceAmendment, Ticket, Task{bool}})"/>
    public Task<bool> AmendAsync(string reason, Func<InstanceAmendment, Ticket, bool> change) =>
        _service.AmendAsync(this, reason, (amendment, ticket) => Task.FromResult(change(amendment, ticket)));
}
