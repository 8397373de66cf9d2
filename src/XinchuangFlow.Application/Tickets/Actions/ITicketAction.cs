using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets.Actions;

/// <summary>
/// Something a user does to a ticket outside the flow's own tasks (re-dispatch, grade override, set out …): its key,
/// its form and the one rule of who may run it when. One class per action; the ticket page, the workspace and the
/// generic API route (<c>POST /api/tickets/{idOrNumber}/actions/{key}</c>) loop over the
/// <see cref="TicketActionRegistry"/> instead of knowing the actions. <see cref="TicketActionService.RunAsync"/> finds
/// the ticket within the caller's scope, asks <see cref="CheckAsync"/>, reads the form through <see cref="Fields"/> and
/// only then calls <see cref="RunAsync"/>.
/// </summary>
public interface ITicketAction
{
    /// <summary>The key in the API route and the page's test ids: lower case letters, digits and dashes.</summary>
    string Key { get; }

    /// <summary>Resource key of the action's name (the button and the dialog's title).</summary>
    string TitleKey { get; }

    /// <summary>Resource key of what the page says once it is done.</summary>
    string DoneKey { get; }

    /// <summary>The form, in the order it is shown; empty: the button runs the action at once.</summary>
    IReadOnlyList<TicketActionField> Fields { get; }

    /// <summary>
    /// Whether <paramref name="actor"/> may run the action on <paramref name="ticket"/> (already found within their
    /// scope) now: the one place this rule lives. The workspace offers the action when it answers
    /// <see cref="TicketActionCheck.May"/>; a run is refused (403, logged) or answered with a conflict (409) otherwise,
    /// and checked again on the fresh ticket inside <c>TicketActionRun.AmendAsync</c>.
    /// </summary>
    ValueTask<TicketActionCheck> CheckAsync(Actor actor, Ticket ticket, CancellationToken ct);

    /// <summary>
    /// Does it, with the form already read and checked against <see cref="Fields"/>: checks that need the domain
    /// (an <see cref="InvalidInputException"/> naming the field), then the change through
    /// <c>TicketActionRun.AmendAsync</c> — one transaction with the ticket's flow, a history line with it.
    /// </summary>
    Task RunAsync(TicketActionRun run);
}
