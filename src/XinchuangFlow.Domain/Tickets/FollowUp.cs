namespace XinchuangFlow.Domain.Tickets;

/// <summary>
/// Which tickets the hotline desk calls back (回访, ASM-6), as the 12345 hotlines do: every ticket the unit never rated
/// (asked on the phone instead), every ticket with a complaint, every reopened one, every one rated at or below the low
/// line, and a sample of the rest — the same tickets whenever it is asked (the sample is drawn from the ticket's number,
/// not from chance, so a replayed or recomputed flow selects alike).
/// </summary>
public static class FollowUp
{
    public const string Unrated = "unrated", Complaint = "complaint", Reopened = "reopened", LowRating = "low-rating", Sample = "sample";

    /// <summary>Why a closed ticket is called back, or null when it is not.</summary>
    /// <param name="ticket">The ticket, as it is closed (or as its rating is overdue).</param>
    /// <param name="complaints">How many complaints were filed about it.</param>
    /// <param name="samplePercent">The share of the other tickets called (0–100).</param>
    /// <param name="lowRating">Ratings at or below it are called back.</param>
    public static string? ReasonFor(Ticket ticket, int complaints, double samplePercent, int lowRating = 3)
    {
        if (ticket.Satisfaction is null) return Unrated;
        if (complaints > 0) return Complaint;
        if (ticket.ReopenCount > 0) return Reopened;
        if (ticket.Satisfaction <= lowRating) return LowRating;
        return Bucket(ticket.Number) < samplePercent ? Sample : null;
    }

    /// <summary>A stable number in [0, 100) drawn from the ticket's number (FNV-1a), the same on every node and run.</summary>
    public static double Bucket(string number)
    {
        var hash = 2166136261u;
        foreach (var c in number)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return hash % 10_000 / 100.0;
    }
}
