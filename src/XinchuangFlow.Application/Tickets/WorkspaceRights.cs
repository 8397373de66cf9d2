using XinchuangFlow.Application.Tickets.Actions;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// What the signed-in user may do on a ticket's page besides working its open tasks: the ticket actions they may run
/// now (each action's own check decides), adding files, seeing the flow.
/// </summary>
public sealed record WorkspaceRights(IReadOnlyList<ITicketAction> Actions, bool Upload, bool SeeDiagram)
{
    /// <summary>Whether the action <paramref name="key"/> is offered.</summary>
    public bool May(string key) => Actions.Any(a => a.Key == key);
}
