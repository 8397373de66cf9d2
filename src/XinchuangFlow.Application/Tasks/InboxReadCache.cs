using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tasks;

/// <summary>
/// One open task of an audience's widest view (All), in the inbox's order: whether it is also in Mine and in Team, and
/// the deadline that matters (Overdue is the rows whose deadline has passed, decided at the time of each read).
/// </summary>
public sealed record InboxMark(Guid TaskId, Guid InstanceId, bool Mine, bool Team, DateTimeOffset? DueAt);

/// <summary>
/// Told when this node has written tasks or the cases they belong to (tickets, complaints, assessment results,
/// supervision notices): by the engine's commits, claims and releases, and by every save of such a row. The instances
/// whose tasks or case changed, or null when the writer cannot say (everything may have changed).
/// </summary>
public interface ICaseWrites
{
    event Action<IReadOnlyCollection<Guid>?>? Written;
}

/// <summary>
/// What an audience's inbox holds, read once and kept while this node's writes are weighed against it (PERF-3): the
/// marks of every open task it may see — from them every view's count (Overdue at the time of each read) and every
/// page's task ids — and the rows of the pages asked for. Writers tell which instances they wrote before their request
/// is answered (<see cref="ICaseWrites"/>, claims through <see cref="WorkflowRuntime.TasksChanged"/>); the next read
/// weighs the writes since its copy was made with one read of the changed instances' tasks, shared by every copy: a
/// change concerns a copy when it holds one of the instances or a changed task is one the audience may see
/// (<see cref="InboxWatch"/>, the inbox query's own rule). Only the concerned instances' marks are then read again for
/// that audience. Another node's writes are seen when a copy is read anew after <see cref="Life"/>, as rules and
/// dispatch. Inbox calls with filters are not kept.
/// </summary>
public sealed class InboxReadCache : IDisposable
{
    /// <summary>
    /// How long a copy serves before it is read again whole (another node's writes are seen then); until twice that it
    /// still serves while the new read runs.
    /// </summary>
    public static readonly TimeSpan Life = TimeSpan.FromSeconds(2);
    private const int MaxAudiences = 5_000;
    private const int MaxPages = 32;
    private const int MaxPending = 1_000;

    private readonly ICaseWrites writes;
    private readonly WorkflowRuntime runtime;
    private readonly ITaskChangeSource source;
    private readonly ICaseDirectory cases;
    private readonly TimeProvider clock;
    private readonly ILogger<InboxReadCache> log;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<Key, Copy> copies = new();
    private readonly ConcurrentDictionary<Key, Lazy<Task<Copy?>>> reading = new();
    private readonly ConcurrentDictionary<Key, InboxWatch> watches = new();
    // Writes not weighed yet: their instances, whether one could not say, and the generation of the last write.
    private readonly HashSet<Guid> pending = [];
    private bool pendingUnknown;
    private long generation;
    private long weighedThrough;
    private Task? weighing;
    // The last weighings (writes after From up to Through, their instances; null: unknown), for reads that overlapped them.
    private readonly Queue<(long From, long Through, Guid[]? Instances)> weighed = new();
    private const int WeighingsKept = 256;
    private long loads, refreshes, patches;

    public InboxReadCache(ICaseWrites writes, WorkflowRuntime runtime, ITaskChangeSource source, ICaseDirectory cases, TimeProvider clock, ILogger<InboxReadCache> log)
    {
        (this.writes, this.runtime, this.source, this.cases, this.clock, this.log) = (writes, runtime, source, cases, clock, log);
        writes.Written += OnWritten;
        // Claims and releases are guarded updates the runtime reports itself.
        runtime.TasksChanged += OnWritten;
    }

    /// <summary>Whole reads of an audience's open tasks made because no copy could serve, since the node started.</summary>
    public long Loads => Interlocked.Read(ref loads);

    /// <summary>Whole reads made while an expired copy still served (another node's writes are seen through them).</summary>
    public long Refreshes => Interlocked.Read(ref refreshes);

    /// <summary>Reads of the concerned instances' marks for one audience.</summary>
    public long Patches => Interlocked.Read(ref patches);

    /// <summary>The marks of <paramref name="who"/>'s open tasks: never older than a write this node finished before the call.</summary>
    public async Task<Copy> MarksAsync(InboxAudience who, CancellationToken ct)
    {
        var key = Key.Of(who);
        var asked = Interlocked.Read(ref generation);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            if (copies.TryGetValue(key, out var copy) && clock.GetUtcNow() - copy.ReadAt < 2 * Life)
            {
                if (copy.Generation < asked)
                {
                    await WeighAsync();
                    if (!copies.TryGetValue(key, out copy) || copy.Generation < asked) continue;
                }
                if (copy.Stale.Count > 0)
                {
                    var patched = await Next(key, () => PatchAsync(key, copy)).WaitAsync(ct);
                    // Instances still stale were written after this call began: either answer is right for it.
                    if (patched is not null && patched.Generation >= asked && patched.Stale.Values.All(w => w > asked)) return patched;
                    continue;
                }
                // Past its life, a copy still serves while the next one is read (its readers do not wait for it).
                if (clock.GetUtcNow() - copy.ReadAt >= Life) _ = Next(key, () => LoadAsync(key, who, refresh: true));
                return copy;
            }
            // One read per audience at a time: callers arriving meanwhile share it.
            var loaded = await Next(key, () => LoadAsync(key, who, refresh: false)).WaitAsync(ct);
            if (loaded is null) break;
            if (loaded.Generation >= asked && loaded.Stale.Count == 0) return loaded;
            // A read that began before a write this caller must see: kept, it is weighed (or patched) on the next turn.
        }
        return await ReadWholeAsync(who, refresh: false, ct);
    }

    /// <summary>The audience's open tasks read whole, with the last write seen before the read began.</summary>
    private async Task<Copy> ReadWholeAsync(InboxAudience who, bool refresh, CancellationToken ct)
    {
        long seen;
        lock (gate) seen = generation;
        var readAt = clock.GetUtcNow();
        var marks = await cases.InboxMarksAsync(who, null, ct);
        Interlocked.Increment(ref refresh ? ref refreshes : ref loads);
        return new Copy(who, Ordered(marks), seen, readAt);
    }

    /// <summary>The read of this audience's next copy under way (a whole read or a patch), or a new one.</summary>
    private Task<Copy?> Next(Key key, Func<Task<Copy?>> start)
    {
        var next = reading.GetOrAdd(key, _ => new Lazy<Task<Copy?>>(start));
        var task = next.Value;
        if (task.IsCompleted) reading.TryRemove(new KeyValuePair<Key, Lazy<Task<Copy?>>>(key, next));
        else _ = task.ContinueWith(_ => reading.TryRemove(new KeyValuePair<Key, Lazy<Task<Copy?>>>(key, next)), TaskScheduler.Default);
        return task;
    }

    private async Task<Copy?> LoadAsync(Key key, InboxAudience who, bool refresh)
    {
        await Task.Yield();
        Copy copy;
        try { copy = await ReadWholeAsync(who, refresh, CancellationToken.None); }
        catch (Exception ex)
        {
            log.LogDebug(ex, "An inbox's open tasks could not be read for the kept copy");
            return null;
        }
        var seen = copy.Generation;
        lock (gate)
        {
            // Writes weighed while this read ran were weighed without it: their instances are read again before it serves
            // (all of them, concerned or not); without their record it is not kept.
            if (seen < weighedThrough)
            {
                if (weighed.Count == 0 || weighed.Peek().From > seen) return copy;
                foreach (var (_, through, instances) in weighed.Where(b => b.Through > seen))
                {
                    if (instances is null) return copy;
                    copy = copy.MadeStale(instances, through);
                }
            }
            // Copies nobody asked for since they expired are let go when another is added (weighing lets go of them too).
            if (copies.Count >= 64) Trim();
            copies[key] = copy;
        }
        return copy;
    }

    /// <summary>Reads again the marks of the instances a write made stale in this copy, and keeps the result if nothing else changed it.</summary>
    private async Task<Copy?> PatchAsync(Key key, Copy copy)
    {
        await Task.Yield();
        long seen;
        lock (gate) seen = generation;
        var instances = copy.Stale.Keys.ToHashSet();
        IReadOnlyList<InboxMark> fresh;
        try { fresh = await cases.InboxMarksAsync(copy.Audience, instances); }
        catch (Exception ex)
        {
            log.LogDebug(ex, "An inbox's changed tasks could not be read for the kept copy");
            lock (gate) if (copies.TryGetValue(key, out var now) && ReferenceEquals(now, copy)) copies.TryRemove(key, out _);
            return null;
        }
        Interlocked.Increment(ref patches);
        lock (gate)
        {
            // Patched onto the copy kept now (weighing may have marked more since): what was read after a write is current.
            if (!copies.TryGetValue(key, out var current) || current.ReadAt != copy.ReadAt) return null;
            var done = current.Stale.Where(s => s.Value <= seen && instances.Contains(s.Key)).Select(s => s.Key).ToHashSet();
            var patched = current.Patched(done, fresh.Where(m => done.Contains(m.InstanceId)));
            copies[key] = patched;
            return patched;
        }
    }

    private static IReadOnlyList<InboxMark> Ordered(IEnumerable<InboxMark> marks) => marks.Order(InboxOrder.Instance).ToList();

    private void Trim()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, copy) in copies)
            if (now - copy.ReadAt >= 2 * Life) copies.TryRemove(key, out _);
        if (copies.Count >= MaxAudiences) copies.Clear();
    }

    private void OnWritten(IReadOnlyCollection<Guid>? instances)
    {
        if (instances is { Count: 0 }) return;
        lock (gate)
        {
            generation++;
            if (instances is null) pendingUnknown = true;
            else pending.UnionWith(instances);
            // Many writes nobody has read since: reading them all back would cost more than reading the copies anew.
            if (pending.Count > MaxPending) { pendingUnknown = true; pending.Clear(); }
            // Nobody keeps a copy: nothing to weigh.
            if (copies.IsEmpty)
            {
                Weighed(pendingUnknown ? null : [.. pending], generation);
                pending.Clear();
                pendingUnknown = false;
            }
        }
    }

    /// <summary>Weighs every write not weighed yet against every kept copy (one weighing at a time; callers share it).</summary>
    private async Task WeighAsync()
    {
        for (var round = 0; round < 2; round++)
        {
            Task run;
            lock (gate)
            {
                if (weighedThrough == generation) return;
                run = weighing ??= WeighPendingAsync();
            }
            // A weighing under way may have begun before this caller's writes: the second round weighs them.
            await run;
        }
    }

    private async Task WeighPendingAsync()
    {
        await Task.Yield();
        Guid[] instances;
        bool unknown;
        long through;
        lock (gate)
        {
            instances = [.. pending];
            unknown = pendingUnknown;
            through = generation;
            pending.Clear();
            pendingUnknown = false;
        }
        try
        {
            IReadOnlyList<ChangedTask> tasks = [];
            if (!unknown)
            {
                try
                {
                    tasks = await source.TasksOfAsync(instances);
                }
                catch (Exception ex)
                {
                    log.LogWarning(ex, "The tasks of {Count} changed instances could not be read; every kept inbox is dropped", instances.Length);
                    unknown = true;
                }
            }
            lock (gate)
            {
                var now = clock.GetUtcNow();
                foreach (var (key, copy) in copies)
                {
                    if (copy.Generation >= through) continue;
                    // Past the time it may serve, a copy is read anew anyway.
                    if (unknown || now - copy.ReadAt >= 2 * Life) { copies.TryRemove(key, out _); continue; }
                    var concerned = Concerned(WatchOf(key, copy.Audience), copy, instances, tasks);
                    if (concerned.Count == 0) copy.Generation = through;
                    else copies[key] = copy.MadeStale(concerned, through);
                }
                Weighed(unknown ? null : instances, through);
            }
        }
        finally
        {
            lock (gate) weighing = null;
        }
    }

    /// <summary>Records a weighing of the writes up to <paramref name="through"/> (under the gate).</summary>
    private void Weighed(Guid[]? instances, long through)
    {
        if (through <= weighedThrough) return;
        weighed.Enqueue((weighedThrough, through, instances));
        while (weighed.Count > WeighingsKept) weighed.Dequeue();
        weighedThrough = through;
    }

    /// <summary>The changed instances that concern a copy: it holds them, or one of their tasks is one the audience may see.</summary>
    private static List<Guid> Concerned(InboxWatch watch, Copy copy, Guid[] instances, IReadOnlyList<ChangedTask> tasks)
    {
        if (watch.SeesEverything) return [.. instances];
        var concerned = copy.Holding(instances.ToHashSet()).ToHashSet();
        foreach (var t in tasks)
            if (!concerned.Contains(t.InstanceId) && watch.Concerns(t)) concerned.Add(t.InstanceId);
        return [.. concerned];
    }

    private InboxWatch WatchOf(Key key, InboxAudience who)
    {
        if (watches.Count > MaxAudiences) watches.Clear();
        return watches.GetOrAdd(key, _ => new InboxWatch(who));
    }

    public void Dispose()
    {
        writes.Written -= OnWritten;
        runtime.TasksChanged -= OnWritten;
    }

    /// <summary>An audience by value (its roles in order): two requests of one user share a copy.</summary>
    private readonly record struct Key(string? User, string Roles, CaseScope Scope, bool Everything)
    {
        public static Key Of(InboxAudience who) => new(who.User, string.Join('\n', who.Roles.Order(StringComparer.Ordinal)), who.Scope, who.Everything);
    }

    /// <summary>
    /// The inbox's order: the deadline that matters, soonest first, tasks without one last, then the task id — as the
    /// inbox query orders (a uuid's order in PostgreSQL and its text's in SQLite are the order of <see cref="Guid.CompareTo(Guid)"/>).
    /// </summary>
    private sealed class InboxOrder : IComparer<InboxMark>
    {
        public static readonly InboxOrder Instance = new();

        public int Compare(InboxMark? x, InboxMark? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var byDue = (x.DueAt, y.DueAt) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                ({ } a, { } b) => a.CompareTo(b),
            };
            return byDue != 0 ? byDue : x.TaskId.CompareTo(y.TaskId);
        }
    }

    /// <summary>One audience's open tasks as read at <see cref="ReadAt"/>, the instances whose marks a write made stale, and the pages' rows.</summary>
    public sealed class Copy
    {
        private long generation;
        private readonly ConcurrentDictionary<(InboxView, int, int), Page> pages = new();

        public Copy(InboxAudience audience, IReadOnlyList<InboxMark> marks, long generation, DateTimeOffset readAt, IReadOnlyDictionary<Guid, long>? stale = null,
            IEnumerable<KeyValuePair<(InboxView, int, int), Page>>? pages = null)
        {
            if (pages is not null) this.pages = new(pages);
            Audience = audience;
            Marks = marks;
            this.generation = generation;
            ReadAt = readAt;
            Stale = stale ?? new Dictionary<Guid, long>();
        }

        public InboxAudience Audience { get; }
        public IReadOnlyList<InboxMark> Marks { get; }
        public DateTimeOffset ReadAt { get; }

        /// <summary>Which of these instances the copy holds a task of (a scan: no set of every instance is built per copy).</summary>
        public IEnumerable<Guid> Holding(IReadOnlySet<Guid> instances) =>
            instances.Count == 0 ? [] : Marks.Where(m => instances.Contains(m.InstanceId)).Select(m => m.InstanceId).Distinct();

        /// <summary>Instances whose marks must be read again, with the write that made each stale.</summary>
        public IReadOnlyDictionary<Guid, long> Stale { get; }

        /// <summary>The last write weighed against this copy (or seen when it was read).</summary>
        public long Generation { get => Interlocked.Read(ref generation); set => Interlocked.Exchange(ref generation, value); }

        /// <summary>This copy with more instances to read again (its pages' rows are read again too).</summary>
        public Copy MadeStale(IEnumerable<Guid> instances, long write)
        {
            var stale = new Dictionary<Guid, long>(Stale);
            foreach (var id in instances) stale[id] = write;
            return new Copy(Audience, Marks, write, ReadAt, stale, pages);
        }

        /// <summary>This copy with the marks of <paramref name="instances"/> replaced by <paramref name="fresh"/>, in order.</summary>
        public Copy Patched(IReadOnlySet<Guid> instances, IEnumerable<InboxMark> fresh)
        {
            var added = fresh.Order(InboxOrder.Instance).ToList();
            var merged = new List<InboxMark>(Marks.Count + added.Count);
            var i = 0;
            foreach (var mark in Marks)
            {
                if (instances.Contains(mark.InstanceId)) continue;
                while (i < added.Count && InboxOrder.Instance.Compare(added[i], mark) < 0) merged.Add(added[i++]);
                merged.Add(mark);
            }
            while (i < added.Count) merged.Add(added[i++]);
            var stale = Stale.Where(s => !instances.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value);
            // A page read keeps serving while none of its rows is of a patched instance (its ids are checked on each call).
            var kept = pages.Where(p => p.Value.Rows is { IsCompletedSuccessfully: true } rows && !rows.Result.Any(r => instances.Contains(r.InstanceId)));
            return new Copy(Audience, merged, Generation, ReadAt, stale, kept);
        }

        /// <summary>The tasks of a view, in the inbox's order, at <paramref name="now"/>.</summary>
        public IEnumerable<InboxMark> Of(InboxView view, DateTimeOffset now) => view switch
        {
            InboxView.Mine => Marks.Where(m => m.Mine),
            InboxView.Team => Marks.Where(m => m.Team),
            InboxView.Overdue => Marks.Where(m => m.DueAt is { } due && due <= now),
            _ => Marks,
        };

        public InboxCounts CountsAt(DateTimeOffset now)
        {
            int mine = 0, team = 0, overdue = 0;
            foreach (var m in Marks)
            {
                if (m.Mine) mine++;
                if (m.Team) team++;
                if (m.DueAt is { } due && due <= now) overdue++;
            }
            return new InboxCounts(mine, team, overdue, Marks.Count);
        }

        /// <summary>
        /// The rows of a page of exactly these task ids (in their order): kept, or read with <paramref name="read"/> —
        /// once for all the callers asking for it meanwhile. A task closed since the marks were read is left out.
        /// </summary>
        public async Task<IReadOnlyList<InboxRow>> PageAsync(InboxView view, int skip, int take, Guid[] ids,
            Func<Guid[], Task<IReadOnlyList<InboxRow>>> read)
        {
            var at = (view, skip, take);
            if (pages.TryGetValue(at, out var page) && page.Ids.AsSpan().SequenceEqual(ids))
            {
                try { return await page.Rows; }
                catch when (!page.Rows.IsCompletedSuccessfully) { pages.TryRemove(new KeyValuePair<(InboxView, int, int), Page>(at, page)); }
            }
            if (pages.Count >= MaxPages) pages.Clear();
            var mine = new Page(ids, Ordered(ids, read));
            page = pages.AddOrUpdate(at, mine, (_, old) => old.Ids.AsSpan().SequenceEqual(ids) ? old : mine);
            var rows = await page.Rows;
            // Not kept with a row missing: the write that closed the task is weighed on the next call.
            if (rows.Count < ids.Length) pages.TryRemove(new KeyValuePair<(InboxView, int, int), Page>(at, page));
            return rows;
        }

        private static async Task<IReadOnlyList<InboxRow>> Ordered(Guid[] ids, Func<Guid[], Task<IReadOnlyList<InboxRow>>> read)
        {
            var found = (await read(ids)).ToDictionary(r => r.TaskId);
            return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
        }
    }

    /// <summary>A page's task ids and the read of their rows.</summary>
    public sealed record Page(Guid[] Ids, Task<IReadOnlyList<InboxRow>> Rows);
}
