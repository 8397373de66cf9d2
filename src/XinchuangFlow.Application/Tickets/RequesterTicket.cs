using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// A ticket as its requester (a procurement unit) reads it: the state in plain words (as the portal says it), the
/// on-site promise, who comes and how to reach them, what happened in plain words (no clocks, no engine steps, no
/// logins), whether the flow waits for their rating, and what their last rating led to.
/// </summary>
public sealed record RequesterTicket(TicketStatus Status, OnSitePromise Promise, bool AwaitsMyFeedback, IReadOnlyList<RequesterEvent> Timeline, FeedbackNews FeedbackNews);

/// <summary>One line of the requester's timeline: when, and what happened (<see cref="Key"/>: a resource key's last part).</summary>
public sealed record RequesterEvent(DateTimeOffset At, string Key);

/// <summary>What the flow did with the requester's last rating.</summary>
public enum FeedbackNews
{
    /// <summary>No rating yet.</summary>
    None,
    /// <summary>Rated; the flow has not closed nor reopened the ticket (a review may come first).</summary>
    Submitted,
    /// <summary>Rated and the ticket closed.</summary>
    Closed,
    /// <summary>Rated low and the ticket reopened: it is worked again.</summary>
    Reopened,
}

/// <summary>Turns a ticket's history into the requester's plain timeline and says what their rating led to.</summary>
public static class RequesterTimeline
{
    /// <summary>
    /// The lines a requester reads, oldest first: filed, a technician assigned, accepted, set out, on site or remote,
    /// the vendor asked to help, resolved, rated, reopened, closed, complained. Grading, clocks, escalations, hand-overs
    /// and refused assignments are the agents' business and are left out; repeats of one step in a row are shown once.
    /// </summary>
    public static IReadOnlyList<RequesterEvent> Of(IEnumerable<CaseEvent> history)
    {
        var lines = new List<RequesterEvent>();
        foreach (var e in history.OrderBy(e => e.At).ThenBy(e => e.Sequence))
        {
            if (KeyOf(e) is not { } key) continue;
            if (lines.Count > 0 && lines[^1].Key == key && key != "feedback") continue;
            lines.Add(new RequesterEvent(e.At, key));
        }
        return lines;
    }

    private static string? KeyOf(CaseEvent e) => e.Kind switch
    {
        "submitted" => "submitted",
        "dispatched" or "dispatched-manual" or "redispatched" => "assigned",
        "vendor-requested" => "vendor",
        "resolved" => "resolved",
        "feedback" => "feedback",
        "reopened" => "reopened",
        "closed" => "closed",
        "complaint" => "complaint",
        "check-in" => e.ToStatus == TicketStatus.Remote.Code ? "remote" : "onsite",
        _ when e.Kind.StartsWith("clock", StringComparison.Ordinal) => null,
        _ => e.ToStatus is { } to && to != e.FromStatus ? to switch
        {
            "accepted" => "accepted",
            "travelling" => "travelling",
            "onsite" => "onsite",
            "remote" => "remote",
            "cancelled" => "cancelled",
            _ => null,
        } : null,
    };

    /// <summary>What the flow did after the requester's last rating: closed the ticket, reopened it, or neither yet.</summary>
    public static FeedbackNews NewsOf(IEnumerable<CaseEvent> history)
    {
        var ordered = history.OrderBy(e => e.At).ThenBy(e => e.Sequence).ToList();
        var last = ordered.FindLastIndex(e => e.Kind == "feedback");
        if (last < 0) return FeedbackNews.None;
        var after = ordered.Skip(last + 1).Select(e => e.Kind).ToList();
        return after.Contains("reopened") ? FeedbackNews.Reopened : after.Contains("closed") ? FeedbackNews.Closed : FeedbackNews.Submitted;
    }
}
