using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases;

/// <summary>
/// The one way a step or an amendment changes a work order or a complaint: the row joins the burst once — staged as an
/// update guarded by the version that was read, its version bumped, kept for the activities the burst wakes — and every
/// change leaves a history line (who, when, before, after) written with the burst's own transaction.
/// </summary>
public static class CaseWork
{
    private static class Slot<T> where T : class, IVersionedCase
    {
        public static readonly BurstKey<T> Key = new("xf." + typeof(T).Name);
    }

    /// <summary>The case the burst has already joined or inserted, if any.</summary>
    public static T? Joined<T>(this IBurstWork work) where T : class, IVersionedCase =>
        work.Items.TryGet(Slot<T>.Key, out var row) ? row : null;

    /// <summary>
    /// Joins a row read from the database to the burst: a guarded update with the burst's commit (a concurrent change
    /// makes the burst a conflict that runs again), the version bumped once however many steps change it. Joining the
    /// same row again returns the joined one.
    /// </summary>
    public static T Join<T>(this IBurstWork work, T row) where T : class, IVersionedCase
    {
        if (work.Joined<T>() is { } joined && joined.Id == row.Id) return joined;
        work.StageUpdate(row, nameof(IVersionedCase.Version), row.Version);
        row.Version++;
        work.Items.Set(Slot<T>.Key, row);
        return row;
    }

    /// <summary>A new row (a ticket registered, a complaint filed): inserted with the burst, seen by the following steps.</summary>
    public static T Insert<T>(this IBurstWork work, T row) where T : class, IVersionedCase
    {
        work.StageInsert(row);
        work.Items.Set(Slot<T>.Key, row);
        return row;
    }

    /// <summary>
    /// Changes a case in one call: joins it, applies <paramref name="change"/>, stamps the time and writes the history
    /// line from the state before to the state after.
    /// </summary>
    public static T Change<T>(this IBurstWork work, T row, string kind, string? note, Action<T> change, JsonNode? data = null) where T : class, IVersionedCase
    {
        var joined = work.Join(row);
        var from = joined.Status;
        change(joined);
        joined.UpdatedAt = work.Now;
        work.Record(joined, kind, note, data, from);
        return joined;
    }

    /// <summary>
    /// A history line of the case, by the burst's user at the burst's time; <paramref name="from"/> is the state before
    /// when it changed (the current state otherwise). <paramref name="bySystem"/>: the platform did it (grading,
    /// dispatch by the rules, a clock, closing or reopening after a rating) — no person, even when a person's action
    /// started the burst.
    /// </summary>
    public static CaseEvent Record(this IBurstWork work, ICase @case, string kind, string? note, JsonNode? data = null, string? from = null, bool bySystem = false) =>
        work.Record(@case.Id, @case.CaseKind, kind, from ?? @case.Status, @case.Status, note, data, bySystem);

    /// <summary>A history line of a case this burst has not loaded (a ticket's line about its complaint, a case's first line).</summary>
    public static CaseEvent Record(this IBurstWork work, Guid caseId, string caseKind, string kind, string? from, string? to, string? note, JsonNode? data = null, bool bySystem = false)
    {
        var line = new CaseEvent
        {
            CaseId = caseId, CaseKind = caseKind, At = work.Now, User = bySystem ? null : work.User, Kind = kind,
            FromStatus = from, ToStatus = to, Note = note, Data = data?.ToJsonString(),
        };
        work.StageInsert(line);
        return line;
    }
}
