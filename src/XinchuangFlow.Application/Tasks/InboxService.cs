using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tasks;

/// <summary>
/// The agent's inbox (INB-1): one page of a view with its filters, soonest deadline first, and the counts of every
/// view. Scope comes from the access service and is applied in the query, so a row outside it is never read. A view
/// without filters is served from what the audience's inbox holds, kept until a write concerns it (<see cref="InboxReadCache"/>).
/// </summary>
public sealed class InboxService(ICaseDirectory cases, AccessService access, TimeProvider clock, InboxReadCache kept)
{
    public async Task<(IReadOnlyList<InboxRow> Items, int Total)> ListAsync(Actor actor, InboxQuery query, CancellationToken ct = default)
    {
        var (skip, take) = Paging.Check(query.Skip, query.Take, 25);
        Check(query);
        var who = access.InboxAudienceOf(actor);
        var now = clock.GetUtcNow();
        if (query is not { Grade: null or "", City: null or "", Category: null or "", Kind: null or "", Status: null or "", Text: null or "" })
            return await cases.ListInboxAsync(query, skip, take, who, now, ct);
        var copy = await kept.MarksAsync(who, ct);
        var total = 0;
        var ids = new List<Guid>(take);
        foreach (var mark in copy.Of(query.View, now))
        {
            if (total >= skip && ids.Count < take) ids.Add(mark.TaskId);
            total++;
        }
        var page = ids.ToArray();
        var rows = await copy.PageAsync(query.View, skip, take, page, ids => cases.InboxRowsAsync(ids, CancellationToken.None)).WaitAsync(ct);
        return (rows, total);
    }

    /// <summary>What a live inbox of <paramref name="actor"/> asks of each batch of task changes: does it concern me?</summary>
    public InboxWatch Watch(Actor actor) => new(access.InboxAudienceOf(actor));

    public async Task<InboxCounts> CountsAsync(Actor actor, CancellationToken ct = default) =>
        (await kept.MarksAsync(access.InboxAudienceOf(actor), ct)).CountsAt(clock.GetUtcNow());

    /// <summary>How many tasks the actor may work fall due within <paramref name="within"/> from now.</summary>
    public Task<int> CountDueWithinAsync(Actor actor, TimeSpan within, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return cases.CountInboxDueAsync(access.InboxAudienceOf(actor), now, now + within, ct);
    }

    private static void Check(InboxQuery q)
    {
        var errors = new ProblemList();
        void Limit(string? value, string name, int max)
        {
            if (value is { } v && v.Length > max)
                errors.Add(Problem.Of(Domain.Tickets.TextProblems.TooLong, name, $"{name} is at most {max} characters.", ("length", v.Length), ("max", max)));
        }
        Limit(q.Grade, "grade", 8);
        Limit(q.City, "city", 12);
        Limit(q.Category, "category", 64);
        if (q.Kind is { Length: > 0 } kind && TaskKinds.Find(kind) is null) errors.Add(Problem.Of(RequestProblems.TaskKindUnknown, "kind", $"'{kind}' is not a task kind.", ("value", kind)));
        Limit(q.Status, "status", 32);
        Limit(q.Text, "text", 100);
        errors.ThrowIfAny();
    }
}
