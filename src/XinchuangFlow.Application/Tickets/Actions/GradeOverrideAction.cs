using XinchuangFlow.Application.Access;
using XinchuangFlow.Cases;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Cases.Activities;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets.Actions;

/// <summary>
/// An agent overrides the automatic grade with a reason (DSP-1, audited): the running response and resolution clocks
/// take the new grade's targets (consumed and paused time kept) and their escalation is re-planned.
/// </summary>
public sealed class GradeOverrideAction(RuleBook rules, AccessService access) : ITicketAction
{
    public const string ActionKey = "grade";

    public string Key => ActionKey;
    public string TitleKey => "Ticket.OverrideGrade";
    public string DoneKey => "Ticket.GradeChanged";

    public IReadOnlyList<TicketActionField> Fields { get; } =
    [
        new("grade", TicketActionValueType.Grade, "Grade") { Required = true },
        new("reason", TicketActionValueType.LongText, "Inbox.Reason") { Required = true },
    ];

    public ValueTask<TicketActionCheck> CheckAsync(Actor actor, Ticket ticket, CancellationToken ct) => ValueTask.FromResult(
        !access.IsAgent(actor) ? TicketActionCheck.NotYou("Only dispatchers, the enterprise's service manager, coordinators and the Data Bureau change a grade.")
        : ticket.Status.IsFinal ? TicketActionCheck.NotNow($"Ticket {ticket.Number} is {ticket.Status}; the grade can no longer be changed.")
        : TicketActionCheck.May);

    public async Task RunAsync(TicketActionRun run)
    {
        var (grade, reason, user) = (Grade.Parse(run.Form["grade"]), run.Form["reason"], run.Actor.UserName!);
        var done = await run.AmendAsync("grade override", async (amendment, current) =>
        {
            if (current.Grade == grade) return false;
            var (sla, set) = await rules.SlaAsync(current.CityCode, run.Cancellation);
            amendment.Join(current);
            var (from, retargeted) = current.OverrideGrade(grade, reason, user, amendment.Now, sla, set.Scope, set.Version);
            foreach (var kind in retargeted) amendment.RaiseLocalSignal(SlaCategory.Signal(kind));
            CaseSession.GradeOverrideEvent(amendment, current, from, grade, reason);
            return true;
        });
        if (!done) throw new StateConflictException(Problem.Of(TicketProblems.GradeUnchanged, null, $"Ticket {run.Ticket.Number} is already {grade}; the grade was not changed.",
            ("number", run.Ticket.Number), ("grade", grade.ToString())));
    }
}
