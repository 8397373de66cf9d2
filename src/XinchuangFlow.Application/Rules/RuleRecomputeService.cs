using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Cases;
using XinchuangFlow.Cases.Activities;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Rules;

/// <summary>
/// After a save the new rules apply to clocks started from then on; a coordinator may choose to recompute the targets of
/// the city's open clocks too (RUL-2): first a preview of every clock that would change, then the change — each ticket
/// in its own flow's transaction (consumed and paused time kept, the escalation watches re-planned, a line in the
/// ticket's history with the reason). A target the definition fixed, and a closed ticket, stay as they are.
/// </summary>
public sealed class RuleRecomputeService(RuleService rules, IReplaySource source, RuleBook book, WorkflowRuntime runtime, ITicketRepository tickets, TimeProvider clock)
{
    /// <summary>The most open tickets recomputed at once.</summary>
    public const int MaxTickets = 5_000;

    /// <summary>
    /// The open clocks the rules in force would change. Rules that cannot give every ticket a deadline (stored before
    /// saves were checked for it, or edited in the database) are refused here with the reason (400): correct them first.
    /// </summary>
    public async Task<IReadOnlyList<RecomputeRow>> PreviewAsync(Actor actor, string city, CancellationToken ct = default)
    {
        rules.CheckRecompute(actor, city);
        var (sla, set) = await book.SlaAsync(city, ct);
        if (SlaSafety.Check(sla, clock.GetUtcNow()) is { Count: > 0 } problems)
            throw new InvalidInputException([Problem.Of(RuleProblems.RecomputeRulesBroken, "rules", $"The SLA rules in force for {city} (sla/{set.Scope} v{set.Version}) cannot give every ticket a deadline, " +
                "so open clocks are not recomputed under them; correct the rules first:", ("city", city), ("version", set.Version)), .. problems]);
        return (await source.OpenTicketsAsync(city, MaxTickets, ct))
            .Select(t => new RecomputeRow(t.Id, t.InstanceId, t.Number, t.Title, t.Grade, t.RetargetsUnder(sla, GuangxiDivisions.Shipped, set.Scope)))
            .Where(r => r.Changes.Count > 0 && !r.Changes.Any(NoDeadline)).ToList();
    }

    /// <summary>A running clock the new rules would leave without a deadline: that ticket is left as it is.</summary>
    private static bool NoDeadline(ClockRetarget change) => change.OldDeadline is not null && change.NewDeadline is null;

    /// <summary>Recomputes; returns how many tickets changed (a ticket closed or changed meanwhile is judged afresh).</summary>
    public async Task<int> RecomputeAsync(Actor actor, string city, string? comment, CancellationToken ct = default)
    {
        rules.CheckRecompute(actor, city);
        if (string.IsNullOrWhiteSpace(comment) || !TextRules.HasVisibleText(comment))
            throw new InvalidInputException(Problem.Of(RuleRequestProblems.RecomputeComment, "comment", "Say why the open clocks are recomputed (comment)."));
        var user = actor.UserName!;
        var changed = 0;
        foreach (var row in await PreviewAsync(actor, city, ct))
        {
            var done = await runtime.AmendAsync(row.InstanceId, user, "rules recomputed", async amendment =>
            {
                var current = await tickets.FindTicketAsync(row.TicketId, ct);
                if (current is null || current.Status.IsFinal) return false;
                var (sla, set) = await book.SlaAsync(current.CityCode, ct);
                var changes = current.RetargetsUnder(sla, GuangxiDivisions.Shipped, set.Scope);
                if (changes.Count == 0 || changes.Any(NoDeadline)) return false;
                amendment.Join(current);
                current.Retarget(changes, set.Version, amendment.Now, sla.WorkingCalendar);
                foreach (var c in changes)
                {
                    amendment.RaiseLocalSignal(SlaCategory.Signal(c.Clock));
                    var clock = current.Clocks()[c.Clock];
                    amendment.Record(current, "clock-retarget",
                        $"{TicketClocks.NameZh(c.Clock)}时限按本市现行规则重算：{c.OldTarget.TotalHours:0.##} 小时 → {c.NewTarget.TotalHours:0.##} 小时（{comment.Trim()}）",
                        new JsonObject
                        {
                            ["clock"] = TicketClocks.Name(c.Clock), ["target"] = clock.Target.ToString(), ["targetReason"] = clock.TargetReason,
                            ["previousTarget"] = c.OldTarget.ToString(), ["deadline"] = clock.Deadline(sla.WorkingCalendar)?.ToString("O"),
                        });
                }
                return true;
            }, ct);
            if (done) changed++;
        }
        return changed;
    }
}
