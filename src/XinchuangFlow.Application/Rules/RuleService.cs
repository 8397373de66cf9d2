using XinchuangFlow.Domain.Time;
using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Application.Rules;

/// <summary>
/// Reading and editing rule sets (RUL-1, RUL-2): the regional default and each city's overrides on top of it, field by
/// field. The Data Bureau edits the regional and every city's; a municipal coordinator edits — and reads — only their
/// own city's (another city's is a logged 404). Every save is a new version with a required comment, audited; a roll
/// back saves an old version again. A document is checked in full before it is stored: kind, scope (the document's
/// own <c>scope</c> and <c>table</c> must agree with where it is saved), values in bounds — a city's merged onto the
/// regional set.
/// </summary>
/// <para>
/// Which kinds there are, how each is checked and which of its fields the Data Bureau may limit comes from the
/// <see cref="RuleKindRegistry"/> and the <see cref="IRuleKindCheck"/>s registered for a kind: nothing here switches on
/// a kind's key.
/// </para>
public sealed class RuleService(IRuleSetStore store, AccessService access, IReplaySource replay, ICalendarFileReader calendars, Domain.Network.INetworkRepository network,
    TimeProvider clock, RuleKindRegistry kinds, IEnumerable<IRuleKindCheck> checks)
{
    /// <summary>The kinds of rule sets of this installation, in the order they are shown.</summary>
    public IReadOnlyList<IRuleKind> Kinds => kinds.All;

    /// <summary>A kind by key; an unknown key is a 404.</summary>
    public IRuleKind Kind(string key) =>
        kinds.Find(key) ?? throw new NotFoundException(Problem.Of(RuleRequestProblems.KindUnknown, null, $"Unknown rule kind '{key}' (use {string.Join(", ", kinds.Keys)}).", ("value", key)));

    /// <summary>The 404 of a kind whose regional rules are missing.</summary>
    private static NotFoundException RegionMissing(string kind) =>
        new(Problem.Of(RuleRequestProblems.RegionMissing, null, $"There are no regional {kind} rules.", ("kind", kind)));

    /// <summary>
    /// The problems a document of a kind has as the editor shows them while typing: the kind's own checks of the effective
    /// document, then the Data Bureau's limits (on a regional document: the limits as written; on a city's: the city's
    /// effective rules against the region's). Empty when a save would accept it (checks needing I/O come at the save).
    /// </summary>
    public IReadOnlyList<Problem> Problems(string kind, JsonObject region, JsonObject effective, bool isRegion)
    {
        var problems = Kind(kind).Validate(effective.ToJsonString(), clock.GetUtcNow());
        if (problems.Count > 0) return problems;
        return isRegion ? RuleLimits.CheckLimits(effective) : RuleLimits.Check(region, effective);
    }

    /// <summary>The largest .ics file read (a holiday calendar for several years is a few tens of KB).</summary>
    public const int MaxCalendarBytes = 512 * 1024;

    /// <summary>The most tickets one replay looks at; a longer list asks for a shorter period.</summary>
    public const int MaxReplayTickets = 100_000;

    public async Task<IReadOnlyList<RuleSet>> ListAsync(Actor actor, CancellationToken ct = default) =>
        (await store.ListAsync(ct)).Where(r => access.MayReadRules(actor, r.Scope)).ToList();

    /// <summary>The stored set (a city's: its overrides), when the actor may read it; another city's is a logged 404.</summary>
    public async Task<RuleSet> GetAsync(Actor actor, string kind, string scope, CancellationToken ct = default)
    {
        CheckRead(actor, kind, scope);
        return await store.FindAsync(kind, scope, ct) ?? throw new NotFoundException(Problem.Of(RuleRequestProblems.SetMissing, null, $"There are no {kind} rules for {scope}.", ("kind", kind), ("scope", scope)));
    }

    /// <summary>The regional set, the city's overrides (none yet is fine), the effective set and the differing fields.</summary>
    public async Task<RuleEditorView> EditorAsync(Actor actor, string kind, string scope, CancellationToken ct = default)
    {
        CheckRead(actor, kind, scope);
        var region = await store.FindAsync(kind, RuleKinds.RegionScope, ct) ?? throw RegionMissing(kind);
        return View(kind, scope, region, scope == RuleKinds.RegionScope ? null : await store.FindAsync(kind, scope, ct));
    }

    private static RuleEditorView View(string kind, string scope, RuleSet region, RuleSet? city)
    {
        if (city is null) return new RuleEditorView(kind, scope, region, null, region.Json, []);
        var regionDoc = RuleOverrides.Parse(region.Json);
        var overrides = RuleOverrides.Parse(city.Json);
        return new RuleEditorView(kind, scope, region, city, RuleOverrides.Merge(regionDoc, overrides).ToJsonString(), RuleOverrides.Differences(regionDoc, overrides));
    }

    /// <summary>
    /// The Data Bureau's overview: for one kind, the regional set and every city's effective set, with the fields each
    /// city overrides. The Data Bureau and the Intranet Office only.
    /// </summary>
    public async Task<IReadOnlyList<RuleEditorView>> OverviewAsync(Actor actor, string kind, CancellationToken ct = default)
    {
        CheckKindAndScope(kind, RuleKinds.RegionScope);
        if (!actor.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor))
            throw access.Denied(actor, "see every city's rules", "Only the Data Bureau and the Intranet Office see every city's rules side by side.");
        var sets = (await store.ListAsync(ct)).Where(r => r.Kind == kind).ToDictionary(r => r.Scope);
        var region = sets.GetValueOrDefault(RuleKinds.RegionScope) ?? throw RegionMissing(kind);
        return [View(kind, RuleKinds.RegionScope, region, null),
            .. Domain.Network.GuangxiDivisions.Shipped.Cities.Select(c => View(kind, c.Code, region, sets.GetValueOrDefault(c.Code)))];
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(Actor actor, string kind, string scope, CancellationToken ct = default)
    {
        CheckRead(actor, kind, scope);
        return await store.HistoryAsync(kind, scope, ct);
    }

    /// <summary>
    /// Why a save's comment is refused, or null when it will do: every save says why (visible text, at most 500
    /// characters). The editor asks the same while it is typed, so its save button is on exactly when a save may pass.
    /// </summary>
    public static Problem? CommentProblem(string? comment) =>
        Domain.Tickets.TextRules.Check(comment, "comment", 500, multiline: true) is not { } bad ? null
        : bad.Code == Domain.Tickets.TextProblems.Required ? Problem.Of(RuleProblems.CommentRequired, "comment", "Say why the rules change (comment).") : bad;

    public async Task<RuleSet> SaveAsync(Actor actor, string kind, string scope, string json, int? expectedVersion, string? comment, CancellationToken ct = default)
    {
        CheckEdit(actor, kind, scope);
        var problems = new List<Problem>();
        if (CommentProblem(comment) is { } bad) problems.Add(bad);
        try
        {
            var doc = RuleOverrides.Parse(json);
            if (doc["scope"] is JsonValue s && s.TryGetValue<string>(out var bodyScope) && bodyScope != scope)
                problems.Add(Problem.Of(RuleProblems.ScopeMismatch, "scope", $"The document says scope '{bodyScope}' but is saved as '{scope}'; make them agree.", ("city", bodyScope), ("scope", scope)));
            if (doc["table"] is JsonValue t && t.TryGetValue<string>(out var table) && table != kind)
                problems.Add(Problem.Of(RuleProblems.TableMismatch, "table", $"The document is a '{table}' table but is saved as '{kind}' rules.", ("value", table), ("kind", kind)));
        }
        catch (InvalidDataException ex) { problems.AddRange(DocumentProblems.Of(ex, "rules")); }
        foreach (var check in checks.Where(c => c.Kind == kind))
            if (problems.Count == 0) problems.AddRange(await check.ProblemsAsync(Kind(kind), RuleOverrides.Parse(json), ct));
        if (problems.Count > 0) throw new InvalidInputException(problems);
        try
        {
            return await store.SaveAsync(kind, scope, json, actor.UserName, expectedVersion, comment!.Trim(), "save", ct);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidInputException(DocumentProblems.Of(ex, "rules"));
        }
    }

    /// <summary>
    /// "Try it": what the SLA rules of a scope — the stored ones, or the unsaved overrides being edited — and its
    /// escalation levels would do to a sample ticket: targets, the rule behind each, deadlines on the working calendar,
    /// escalation moments and recipients. Writes nothing.
    /// </summary>
    public async Task<IReadOnlyList<TrialClock>> TryAsync(Actor actor, string scope, string? proposedSlaJson, TrialTicket ticket, CancellationToken ct = default)
    {
        CheckRead(actor, RuleKinds.Sla, scope);
        var divisions = Domain.Network.GuangxiDivisions.Shipped;
        if (divisions.CityOf(ticket.CountyCode) is not { } city || (scope != RuleKinds.RegionScope && city.Code != scope))
            throw new InvalidInputException(Problem.Of(RuleRequestProblems.TrialCounty, "countyCode",
                scope == RuleKinds.RegionScope ? "Choose a Guangxi county." : $"Choose a county of {divisions.Find(scope)?.Name}.", ("scope", scope)));
        if (ticket.ServicePointCounty is { } sp && divisions.Find(sp) is null) throw new InvalidInputException(Problem.Of(Domain.Tickets.TextProblems.NotACounty, "servicePointCounty", $"'{sp}' is not a Guangxi county.", ("value", sp)));
        async Task<string> EffectiveAsync(string kind, string? proposed)
        {
            var region = await store.FindAsync(kind, RuleKinds.RegionScope, ct) ?? throw RegionMissing(kind);
            if (scope == RuleKinds.RegionScope) return proposed ?? region.Json;
            var overrides = proposed ?? (await store.FindAsync(kind, scope, ct))?.Json ?? "{}";
            return RuleOverrides.Merge(region.Json, overrides);
        }
        try
        {
            var sla = SlaRules.Parse(await EffectiveAsync(RuleKinds.Sla, proposedSlaJson));
            var escalation = EscalationRules.Parse(await EffectiveAsync(RuleKinds.Escalation, null));
            return RuleTrial.Run(sla, escalation, ticket, divisions, scope);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            throw new InvalidInputException(DocumentProblems.Of(ex, "rules"));
        }
    }

    /// <summary>
    /// What-if replay (BEY-1): the tickets of the scope raised in the period (default: the last full quarter, China
    /// time) replayed under the rules in force and under the proposed <paramref name="kind"/> document (a city's
    /// overrides, or the regional document), side by side. Reading the rules is enough: it writes nothing. Dispatch
    /// preferences are not replayed — who was free and where at the time is not in the history.
    /// </summary>
    public async Task<WhatIfResult> WhatIfAsync(Actor actor, string kind, string scope, string proposedJson, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default)
    {
        CheckRead(actor, kind, scope);
        if (!access.MayReplay(actor, scope))
            throw access.Denied(actor, $"replay the {kind} rules of {scope}", "A what-if replay lists the tickets of its scope: the regional one is for the Data Bureau and the Intranet Office, a city's also for its coordinator.");
        if (Kind(kind).NotReplayableReason is { } why) throw new InvalidInputException(Problem.Of(RuleRequestProblems.NotReplayable, "kind", why, ("kind", kind)));
        var (start, end) = (from, to) switch
        {
            ({ } f, { } t) => (f, t),
            (null, null) => RuleReplay.LastQuarter(clock.GetUtcNow()),
            _ => throw new InvalidInputException(Problem.Of(RuleRequestProblems.PeriodBothEnds, "period", "Give both ends of the period, or neither (the last quarter).")),
        };
        if (end <= start) throw new InvalidInputException(Problem.Of(RequestProblems.PeriodOrder, "period", "The period ends before it begins."));
        if (end - start > TimeSpan.FromDays(366)) throw new InvalidInputException(Problem.Of(RuleRequestProblems.PeriodTooLong, "period", "Replay at most one year at a time."));

        var sets = (await store.ListAsync(ct)).ToDictionary(r => (r.Kind, r.Scope), r => r.Json);
        string Stored(string k, string s) => sets.GetValueOrDefault((k, s)) ?? (s == RuleKinds.RegionScope ? throw RegionMissing(k) : "{}");
        string Proposed(string k, string s) => k == kind && s == scope ? proposedJson : Stored(k, s);
        string Effective(Func<string, string, string> doc, string k, string city) => RuleOverrides.Merge(doc(k, RuleKinds.RegionScope), doc(k, city));
        ReplayRules Build(Func<string, string, string> doc, string city) =>
            ReplayRules.Of(Effective(doc, RuleKinds.Sla, city), Effective(doc, RuleKinds.Escalation, city), Effective(doc, RuleKinds.Grading, city));
        try
        {
            // The proposal is checked as a save would check it, before anything is replayed.
            var check = scope == RuleKinds.RegionScope ? Proposed(kind, scope) : Effective(Proposed, kind, scope);
            kinds.Ensure(kind, check, clock.GetUtcNow());
            var limits = scope == RuleKinds.RegionScope ? RuleLimits.CheckLimits(RuleOverrides.Parse(check))
                : RuleLimits.Check(RuleOverrides.Parse(Stored(kind, RuleKinds.RegionScope)), RuleOverrides.Parse(check));
            DocumentProblems.ThrowIfAny(limits);
        }
        catch (InvalidDataException ex) { throw new InvalidInputException(DocumentProblems.Of(ex, "rules")); }

        var tickets = await replay.TicketsAsync(scope == RuleKinds.RegionScope ? null : scope, start, end, MaxReplayTickets + 1, ct);
        if (tickets.Count > MaxReplayTickets)
            throw new InvalidInputException(Problem.Of(RuleRequestProblems.TooManyTickets, "period", $"More than {MaxReplayTickets:N0} tickets were raised in this period; choose a shorter one.", ("max", MaxReplayTickets)));
        var comparison = RuleReplay.Compare(tickets, city => (Build(Stored, city), Build(Proposed, city)), Domain.Network.GuangxiDivisions.Shipped, clock.GetUtcNow());
        return new WhatIfResult(kind, scope, start, end, comparison);
    }

    /// <summary>
    /// Reads an uploaded .ics file into holidays and make-up working days for the SLA editor of a scope (the page then
    /// shows them in the calendar and saves them with the rules). Last year to two years ahead; nothing is stored here.
    /// </summary>
    public async Task<ImportedCalendar> ReadCalendarFileAsync(Actor actor, string scope, Stream content, CancellationToken ct = default)
    {
        CheckEdit(actor, RuleKinds.Sla, scope);
        // Read no more than the limit (plus one byte to know it was exceeded).
        var buffer = new byte[MaxCalendarBytes + 1];
        var read = 0;
        while (read < buffer.Length && await content.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0) read += n;
        if (read > MaxCalendarBytes) throw new InvalidInputException(Problem.Of(RuleRequestProblems.CalendarTooLarge, "file", $"The calendar file is larger than {MaxCalendarBytes / 1024} KB.", ("max", MaxCalendarBytes / 1024)));
        string text;
        try { text = new System.Text.UTF8Encoding(false, true).GetString(buffer, 0, read).TrimStart('\uFEFF'); }
        catch (System.Text.DecoderFallbackException) { throw new InvalidInputException(Problem.Of(RuleRequestProblems.CalendarNotUtf8, "file", "The calendar file is not UTF-8 text.")); }
        var today = ChinaTime.Today(clock);
        try
        {
            var imported = calendars.Read(text, new DateOnly(today.Year - 1, 1, 1), new DateOnly(today.Year + 2, 12, 31), ct);
            if (imported.Days.Count == 0)
                throw new InvalidInputException(Problem.Of(RuleRequestProblems.CalendarNoDays, "file",
                    $"The file names no all-day events between {today.Year - 1} and {today.Year + 2} (timed events skipped: {imported.SkippedTimedEvents}).",
                    ("from", (today.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("to", (today.Year + 2).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("skipped", imported.SkippedTimedEvents)));
            return imported;
        }
        catch (InvalidDataException ex)
        {
            // The reader's own reasons (a rule repeating every second, too many days …) when it gives them.
            var problems = DocumentProblems.Of(ex, "file");
            throw new InvalidInputException(problems is [{ Code: KernelProblems.DocumentUnreadable }] ? [Problem.Of(RuleRequestProblems.CalendarUnreadable, "file", ex.Message)] : problems);
        }
    }

    /// <summary>"Try it" for grading: which grade and row the scope's table — stored, or the unsaved one being edited — gives a sample request.</summary>
    public async Task<Domain.Grading.GradingResult> TryGradingAsync(Actor actor, string scope, string? proposedJson, Domain.Grading.GradingInput input, CancellationToken ct = default)
    {
        CheckRead(actor, RuleKinds.Grading, scope);
        if (!Domain.Grading.Impacts.All.Contains(input.Impact)) throw new InvalidInputException(Problem.Of(Domain.Tickets.TextProblems.NotInList, "impact", $"'{input.Impact}' is not an impact (single, department, unit).", ("value", input.Impact)));
        var region = await store.FindAsync(RuleKinds.Grading, RuleKinds.RegionScope, ct) ?? throw RegionMissing(RuleKinds.Grading);
        var json = scope == RuleKinds.RegionScope ? proposedJson ?? region.Json
            : RuleOverrides.Merge(region.Json, proposedJson ?? (await store.FindAsync(RuleKinds.Grading, scope, ct))?.Json ?? "{}");
        try { return Domain.Grading.GradingTable.Parse(json).Grade(input); }
        catch (InvalidDataException ex) { throw new InvalidInputException(DocumentProblems.Of(ex, "rules")); }
    }

    /// <summary>The service points a city's dispatch preferences may name (every enterprise's, the city's first), with their enterprise.</summary>
    public async Task<IReadOnlyList<(Domain.Network.ServicePoint Point, string Enterprise)>> ServicePointChoicesAsync(Actor actor, string scope, CancellationToken ct = default)
    {
        CheckRead(actor, RuleKinds.Dispatch, scope);
        var enterprises = (await network.EnterprisesAsync(ct)).ToDictionary(e => e.Id, e => e.Name);
        var divisions = Domain.Network.GuangxiDivisions.Shipped;
        return (await network.ServicePointsAsync(null, ct))
            .OrderBy(p => scope != RuleKinds.RegionScope && divisions.CityOf(p.CountyCode)?.Code == scope ? 0 : 1).ThenBy(p => p.CountyCode).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (p, enterprises.GetValueOrDefault(p.EnterpriseId, "?"))).ToList();
    }

    /// <summary>The bounds the Data Bureau may set on a kind's fields for the cities, from its catalogue (none: the kind has no limits page).</summary>
    public IReadOnlyList<RuleLimitField> LimitableFields(string kind) => [.. Kind(kind).Fields.SelectMany(f => f.LimitFields())];

    /// <summary>
    /// The Data Bureau's limits on the cities (RUL-2): the regional set, and for the limits as stored — or as proposed in
    /// <paramref name="proposedRegionJson"/> — every city whose rules would fall outside them, with the reasons (the
    /// city's next save is refused until it fits). The Data Bureau and the Intranet Office see every city; a coordinator
    /// reads the limits that bind their own city and whether it is outside them, and proposes nothing.
    /// </summary>
    public async Task<(RuleSet Region, IReadOnlyList<(string City, IReadOnlyList<Problem> Problems)> Outside)> LimitsAsync(
        Actor actor, string kind, string? proposedRegionJson, CancellationToken ct = default)
    {
        CheckKindAndScope(kind, RuleKinds.RegionScope);
        var scope = access.LimitsScopeOf(actor)
                    ?? throw access.Denied(actor, "see the limits on the cities", "Only the Data Bureau, the Intranet Office and a city's coordinator see the limits on the cities' rules.");
        if (proposedRegionJson is not null && scope != RuleKinds.RegionScope)
            throw access.Denied(actor, "try limits on the cities", "Only the Data Bureau and the Intranet Office try limits on every city.");
        var sets = (await store.ListAsync(ct)).Where(r => r.Kind == kind).ToList();
        var region = sets.FirstOrDefault(r => r.Scope == RuleKinds.RegionScope) ?? throw RegionMissing(kind);
        JsonObject regionDoc;
        try { regionDoc = RuleOverrides.Parse(proposedRegionJson ?? region.Json); }
        catch (InvalidDataException ex) { throw new InvalidInputException(DocumentProblems.Of(ex, "rules")); }
        var outside = sets.Where(r => r.Scope != RuleKinds.RegionScope && (scope == RuleKinds.RegionScope || r.Scope == scope))
            .Select(r => (r.Scope, RuleLimits.Check(regionDoc, RuleOverrides.Merge(regionDoc, RuleOverrides.Parse(r.Json)))))
            .Where(x => x.Item2.Count > 0).OrderBy(x => x.Scope).ToList();
        return (region, outside);
    }

    /// <summary>Saves an earlier version again as the newest (a roll back is a new version, audited).</summary>
    public async Task<RuleSet> RollBackAsync(Actor actor, string kind, string scope, int toVersion, string? comment, CancellationToken ct = default)
    {
        CheckEdit(actor, kind, scope);
        if (CommentProblem(comment) is { } bad) throw new InvalidInputException([bad]);
        var old = (await store.HistoryAsync(kind, scope, ct)).FirstOrDefault(h => h.Version == toVersion && h.After is not null)
                  ?? throw new NotFoundException(Problem.Of(RuleRequestProblems.VersionMissing, null, $"The {kind} rules of {scope} have no version {toVersion}.",
                      ("kind", kind), ("scope", scope), ("version", toVersion)));
        var current = await store.FindAsync(kind, scope, ct);
        try
        {
            return await store.SaveAsync(kind, scope, old.After!, actor.UserName, current?.Version, comment!.Trim(), "roll-back", ct);   // the action says it is a roll back; the comment is the user's own words
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidInputException([Problem.Of(RuleProblems.VersionNoLongerFits, null, $"Version {toVersion} no longer fits the regional rules:", ("version", toVersion)),
                .. DocumentProblems.Of(ex, "rules")]);
        }
    }

    /// <summary>Takes one override away: the city follows the regional value of that field again.</summary>
    public async Task<RuleSet> RemoveOverrideAsync(Actor actor, string kind, string scope, string path, string? comment, CancellationToken ct = default)
    {
        CheckEdit(actor, kind, scope);
        if (scope == RuleKinds.RegionScope) throw new InvalidInputException(Problem.Of(RuleRequestProblems.RegionNotOverrides, "scope", "The regional rules are not overrides."));
        var city = await store.FindAsync(kind, scope, ct) ?? throw new NotFoundException(Problem.Of(RuleRequestProblems.NoOverrides, null, $"{scope} has no {kind} overrides.", ("kind", kind), ("scope", scope)));
        var json = RuleOverrides.Without(RuleOverrides.Parse(city.Json), path).ToJsonString();
        return await SaveAsync(actor, kind, scope, json, city.Version, comment ?? $"back to the regional value of {path}", ct);
    }

    private void CheckKindAndScope(string kind, string scope)
    {
        if (Kind(kind).RegionOnly && scope != RuleKinds.RegionScope)
            throw new NotFoundException(Problem.Of(RuleRequestProblems.RegionOnly, "scope", $"The {kind} rules are the region's only; cities keep no overrides of them.", ("kind", kind)));
        if (scope != RuleKinds.RegionScope && Domain.Network.GuangxiDivisions.Shipped.Cities.All(c => c.Code != scope))
            throw new NotFoundException(Problem.Of(RuleRequestProblems.ScopeUnknown, null, $"Scope '{scope}' is neither 'region' nor a Guangxi city code.", ("value", scope)));
    }

    private void CheckRead(Actor actor, string kind, string scope)
    {
        CheckKindAndScope(kind, scope);
        if (!access.MayReadRules(actor, scope)) throw access.NotFound(actor, "rule set", $"{kind}/{scope}");
    }

    /// <summary>Recomputing a city's open clocks is editing that city's SLA rules (not the region's: a city at a time).</summary>
    internal void CheckRecompute(Actor actor, string city)
    {
        if (city == RuleKinds.RegionScope) throw new InvalidInputException(Problem.Of(RuleRequestProblems.RecomputeOneCity, "scope", "Open clocks are recomputed one city at a time."));
        CheckEdit(actor, RuleKinds.Sla, city);
    }

    private void CheckEdit(Actor actor, string kind, string scope)
    {
        CheckKindAndScope(kind, scope);
        if (!access.MayReadRules(actor, scope)) throw access.NotFound(actor, "rule set", $"{kind}/{scope}");
        if (!access.MayEditRules(actor, scope))
            throw access.Denied(actor, $"edit {kind} rules of {scope}", "The Data Bureau edits regional rules; a municipal coordinator edits their own city's.");
    }
}
