namespace XinchuangFlow.Application.Access;

/// <summary>Which page a ticket is shown on to a user (decided by <see cref="AccessService.TicketViewOf"/>).</summary>
public enum TicketView
{
    /// <summary>The agents' workspace: clocks with their reasons, dispatch explanation, the flow, hand-over and actions.</summary>
    Internal,
    /// <summary>The requester's view: state in plain words, the promise, who comes, the timeline, feedback and complaint.</summary>
    Requester,
}
