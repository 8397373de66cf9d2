using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Rules;
using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Application.Exchange;

/// <summary>
/// Service data reported by the enterprises' own platforms (DAT-2): a batch of up to 1,000 ticket and event records of
/// the exchange standard v1, sent with the enterprise's platform key. Each record is checked against the standard's
/// schema and the platform's reference data; the valid ones are stored together in one transaction (an atomic batch
/// stores nothing when one is refused), keyed by (enterprise, external id, sequence) — the same batch twice changes
/// nothing, a changed record replaces the stored one —, and every touched ticket is made again from all its records
/// (<see cref="ReportedTicketFold"/>), so events may arrive in any order. The answer names every refused record and why.
/// </summary>
public sealed class ExchangeService(IExchangeStore store, IRuleSetStore rules, AccessService access, TimeProvider clock)
{
    /// <summary>How far ahead of the platform's clock a reported time may be (clocks of two platforms differ a little).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] TimelineKinds = [RuleKinds.Sla, RuleKinds.Escalation, RuleKinds.Grading];
    private RuleTimeline? _timeline;
    private readonly SemaphoreSlim _timelineLock = new(1, 1);

    private sealed class Item(int index)
    {
        public readonly int Index = index;
        public readonly List<Problem> Problems = [];
        public string? ExternalId;
        public int Sequence;
        public bool IsTicket;
        public DateTimeOffset At;
        public string Kind = "";
        public string Data = "";
        public string Hash = "";
        /// <summary>The record as read: what <see cref="Data"/> holds, for the fold.</summary>
        public object? Parsed;
        public bool Unchanged;
        public (string? Name, string? Phone)? Contact;
        /// <summary>The procurement unit a ticket record names.</summary>
        public string? Unit;
    }

    public async Task<BatchReport> IngestAsync(Actor actor, JsonElement batch, CancellationToken ct = default)
    {
        if (access.ReportingEnterpriseOf(actor) is not { } enterprise)
            throw access.Denied(actor, "report service data", Problem.Of(ExchangeProblems.NotAReporter, null,
                "Only an enterprise's own platform reports service data, with the API key the Data Bureau issued for that enterprise."));
        var (whole, bySchema) = ExchangeSchema.Check(batch);
        if (whole.Count > 0) throw new InvalidInputException(whole);
        var now = clock.GetUtcNow();
        var atomic = batch.TryGetProperty("atomic", out var a) && a.ValueKind == JsonValueKind.True;
        var items = new List<Item>();
        var index = 0;
        foreach (var record in batch.GetProperty("records").EnumerateArray())
        {
            var item = new Item(index);
            if (bySchema.TryGetValue(index, out var found)) item.Problems.AddRange(found);
            else Read(record, item, enterprise, now);
            items.Add(item);
            index++;
        }

        // Reference data: the units the tickets name; and what is stored of the batch's tickets (both asked at once).
        var unitNames = items.Where(i => i.Problems.Count == 0 && i.IsTicket).Select(i => i.Unit!).ToHashSet(StringComparer.Ordinal);
        var externalIds = items.Where(i => i.ExternalId is not null).Select(i => i.ExternalId!).ToHashSet(StringComparer.Ordinal);
        var unitsAsked = unitNames.Count == 0 ? Task.FromResult<IReadOnlyDictionary<string, Guid>>(new Dictionary<string, Guid>()) : store.UnitsAsync(unitNames, ct);
        var storedAsked = externalIds.Count == 0 ? Task.FromResult<IReadOnlyList<StoredRecordKey>>([]) : store.StoredAsync(enterprise, externalIds, ct);
        await Task.WhenAll(unitsAsked, storedAsked);
        var (units, stored) = (await unitsAsked, await storedAsked);
        foreach (var i in items.Where(i => i.Problems.Count == 0 && i.IsTicket && !units.ContainsKey(i.Unit!)))
            i.Problems.Add(Problem.Of(ExchangeProblems.UnknownUnit, "procurementUnit", "The platform knows no procurement unit of this name.", ("value", i.Unit)));

        // The same record twice in one batch: the first counts.
        var keys = new HashSet<(string, int)>();
        foreach (var i in items.Where(i => i.Problems.Count == 0))
            if (!keys.Add((i.ExternalId!, i.Sequence)))
                i.Problems.Add(Problem.Of(ExchangeProblems.Duplicate, "externalId", "The batch holds this record twice; the first one counts.", ("value", i.ExternalId), ("sequence", i.Sequence)));

        // Events need their ticket (in this batch or reported before) and come after its creation.
        var storedHash = stored.ToDictionary(s => (s.ExternalId, s.Sequence), s => s.Hash);
        var created = stored.Where(s => s.Sequence == 0).ToDictionary(s => s.ExternalId, s => s.At, StringComparer.Ordinal);
        foreach (var i in items.Where(i => i.Problems.Count == 0 && i.IsTicket)) created[i.ExternalId!] = i.At;
        foreach (var i in items.Where(i => i.Problems.Count == 0 && !i.IsTicket))
        {
            if (!created.TryGetValue(i.ExternalId!, out var at))
                i.Problems.Add(Problem.Of(ExchangeProblems.UnknownTicket, "externalId", "No ticket of this id was reported, in this batch or before; report the ticket first.", ("value", i.ExternalId)));
            else if (i.At < at)
                i.Problems.Add(Problem.Of(ExchangeProblems.BeforeCreated, "at", "The event is dated before its ticket was created."));
        }
        foreach (var i in items.Where(i => i.Problems.Count == 0))
            i.Unchanged = storedHash.TryGetValue((i.ExternalId!, i.Sequence), out var h) && h == i.Hash;

        var rejected = items.Where(i => i.Problems.Count > 0).ToList();
        var toStore = items.Where(i => i.Problems.Count == 0 && !i.Unchanged).ToList();
        var applied = !(atomic && rejected.Count > 0);
        var log = new ExchangeBatch
        {
            Id = Guid.CreateVersion7(), EnterpriseId = enterprise, ReceivedAt = now, ReportedBy = actor.UserName, Records = items.Count, Atomic = atomic,
            Stored = applied ? toStore.Count : 0, Unchanged = applied ? items.Count(i => i.Unchanged) : 0, Rejected = rejected.Count,
        };
        if (applied && toStore.Count > 0)
        {
            var timeline = await TimelineAsync(ct);
            var divisions = GuangxiDivisions.Shipped;
            var records = toStore.Select(i => new ReportedRecord
            {
                EnterpriseId = enterprise, ExternalId = i.ExternalId!, Sequence = i.Sequence, At = i.At, Kind = i.Kind, Data = i.Data, Hash = i.Hash,
                BatchId = log.Id, ReceivedAt = now, Parsed = i.Parsed,
            }).ToList();
            var contacts = toStore.Where(i => i.Contact is not null).ToDictionary(i => i.ExternalId!, i => i.Contact!.Value, StringComparer.Ordinal);
            var folded = 0;
            await store.ApplyAsync(enterprise, records, (ticket, header, events) =>
            {
                var data = ReportedTicketFold.Header(header);
                var (ruleSet, scope) = timeline.RulesAt(data.CityCode, data.CreatedAt);
                ReportedTicketFold.Apply(ticket, enterprise, data, events.Select(ReportedTicketFold.Event), ruleSet, scope, divisions, now);
                ticket.ExternalId = header.ExternalId;
                if (contacts.TryGetValue(header.ExternalId, out var contact)) (ticket.ContactName, ticket.ContactPhone) = (contact.Name ?? "", contact.Phone);
                ticket.ProcurementUnitId = units.TryGetValue(data.ProcurementUnit, out var unit) ? unit : ticket.ProcurementUnitId;
                ticket.CreatedBy ??= actor.UserName;
                ticket.UpdatedAt = now;
                folded++;
            }, log, ct);
            log.Tickets = folded;
        }
        else await store.LogAsync(log, ct);

        var rejections = items.Where(i => i.Problems.Count > 0 || !applied)
            .Select(i => new RejectedRecord(i.Index, i.ExternalId, i.IsTicket ? null : i.Sequence,
                i.Problems.Count > 0 ? i.Problems : [Problem.Of(ExchangeProblems.NotStoredAtomic, null, "Not stored: the batch asked to be stored whole and another record was refused.")]))
            .ToList();
        return new BatchReport(log.Id, items.Count, log.Stored, log.Unchanged, log.Rejected, log.Tickets, applied, rejections);
    }

    /// <summary>
    /// The latest batches received, newest first: an enterprise's platform and its managers see the enterprise's, the
    /// Data Bureau and the Intranet Office everyone's.
    /// </summary>
    public async Task<IReadOnlyList<ExchangeBatch>> BatchesAsync(Actor actor, int take, CancellationToken ct = default)
    {
        if (take is < 1 or > MaxBatchesListed)
            throw new InvalidInputException(Problem.Of(RequestProblems.Take, "take", $"take is 1–{MaxBatchesListed}.", ("max", MaxBatchesListed)));
        return access.BatchReachOf(actor) switch
        {
            { Region: true } => await store.BatchesAsync(null, take, ct),
            { Enterprise: { } own } => await store.BatchesAsync(own, take, ct),
            _ => throw access.Denied(actor, "read the reported batches", "The batches an enterprise reported are for that enterprise, the Data Bureau and the Intranet Office."),
        };
    }

    public const int MaxBatchesListed = 200;

    /// <summary>
    /// A record the schema accepted: its key, its canonical form (times in UTC, text trimmed) and the checks against the
    /// platform's reference data.
    /// </summary>
    private static void Read(JsonElement record, Item item, Guid enterprise, DateTimeOffset now)
    {
        item.ExternalId = record.GetProperty("externalId").GetString();
        if (!Guid.TryParse(record.GetProperty("enterprise").GetString(), out var named) || named != enterprise)
            item.Problems.Add(Problem.Of(ExchangeProblems.OtherEnterprise, "enterprise", "A platform reports only for its own enterprise."));
        item.IsTicket = record.GetProperty("type").GetString() == ExchangeKinds.Ticket;
        var divisions = GuangxiDivisions.Shipped;
        if (item.IsTicket)
        {
            var data = new ReportedTicketData(
                Time(record, "createdAt", item), Str(record, "channel")!, Clean(Str(record, "procurementUnit"))!, Clean(Str(record, "contactName")),
                Clean(Str(record, "contactPhone")), Str(record, "cityCode")!, Str(record, "countyCode")!, Str(record, "productCategory")!, Clean(Str(record, "vendor")),
                Clean(Str(record, "model")), Clean(Str(record, "cpu")), Clean(Str(record, "os")), Clean(Str(record, "title"))!, Clean(Str(record, "description")),
                Str(record, "impact"));
            CheckTexts(item, ("procurementUnit", data.ProcurementUnit, 200, false, true), ("contactName", data.ContactName, 200, false, false),
                ("contactPhone", data.ContactPhone, 40, false, false), ("vendor", data.Vendor, 200, false, false), ("model", data.Model, 200, false, false),
                ("cpu", data.Cpu, 200, false, false), ("os", data.Os, 200, false, false), ("title", data.Title, 200, false, true),
                ("description", data.Description, 10_000, true, false));
            if (divisions.Find(data.CityCode) is not { Level: DivisionLevel.City })
                item.Problems.Add(Problem.Of(ExchangeProblems.UnknownDivision, "cityCode", "No Guangxi city has this code.", ("value", data.CityCode)));
            else if (divisions.Find(data.CountyCode) is not { Level: DivisionLevel.County } county)
                item.Problems.Add(Problem.Of(ExchangeProblems.UnknownDivision, "countyCode", "No Guangxi county has this code.", ("value", data.CountyCode)));
            else if (county.CityCode != data.CityCode)
                item.Problems.Add(Problem.Of(ExchangeProblems.CountyNotInCity, "countyCode", "The county is not in the city.", ("value", data.CountyCode), ("city", data.CityCode)));
            if (data.CreatedAt > now + ClockSkew)
                item.Problems.Add(Problem.Of(ExchangeProblems.FutureTime, "createdAt", "The time is later than the moment the record was received."));
            (item.Sequence, item.At, item.Kind) = (0, data.CreatedAt, ExchangeKinds.Ticket);
            // The hash covers the record as reported; the stored record leaves out the contact's name and phone, which
            // are kept only on the ticket, encrypted like every contact's (SEC-3).
            item.Hash = Hash(JsonSerializer.Serialize(data, ReportedTicketFold.Json));
            item.Contact = (data.ContactName, data.ContactPhone);
            item.Unit = data.ProcurementUnit;
            var stored = data with { ContactName = null, ContactPhone = null };
            (item.Data, item.Parsed) = (JsonSerializer.Serialize(stored, ReportedTicketFold.Json), stored);
            return;
        }
        else
        {
            var data = new ReportedEventData(record.GetProperty("sequence").GetInt32(), Time(record, "at", item), Str(record, "kind")!,
                Clean(Str(record, "technician")), Str(record, "servicePointCounty"), Str(record, "reason"), Clean(Str(record, "resolution")),
                record.TryGetProperty("satisfaction", out var s) ? s.GetInt32() : null, Clean(Str(record, "comment")));
            CheckTexts(item, ("technician", data.Technician, 200, false, false), ("resolution", data.Resolution, 10_000, true, false),
                ("comment", data.Comment, 2000, true, false));
            if (data.ServicePointCounty is { } point && divisions.Find(point) is not { Level: DivisionLevel.County })
                item.Problems.Add(Problem.Of(ExchangeProblems.UnknownDivision, "servicePointCounty", "No Guangxi county has this code.", ("value", point)));
            if (data.At > now + ClockSkew)
                item.Problems.Add(Problem.Of(ExchangeProblems.FutureTime, "at", "The time is later than the moment the record was received."));
            (item.Sequence, item.At, item.Kind) = (data.Sequence, data.At, data.Kind);
            (item.Data, item.Parsed) = (JsonSerializer.Serialize(data, ReportedTicketFold.Json), data);
            item.Hash = Hash(item.Data);
        }
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A reported time in UTC; one the calendar cannot hold, or outside 2000–2100, is a problem of the record.</summary>
    private static DateTimeOffset Time(JsonElement record, string name, Item item)
    {
        if (record.GetProperty(name).TryGetDateTimeOffset(out var t) && t.UtcDateTime.Year is >= 2000 and <= 2100) return t.ToUniversalTime();
        item.Problems.Add(Problem.Of(ExchangeProblems.TimeRange, name, "A time between the years 2000 and 2100 is expected.", ("min", "2000"), ("max", "2100")));
        return DateTimeOffset.UnixEpoch;
    }

    private static string? Str(JsonElement record, string name) => record.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Clean(string? text) => text?.Trim();

    /// <summary>Reported text held to the rules of the platform's own forms (visible text, no control or direction characters).</summary>
    private static void CheckTexts(Item item, params (string Field, string? Value, int Max, bool Multiline, bool Required)[] texts)
    {
        foreach (var t in texts)
            if (Domain.Tickets.TextRules.Check(t.Value, t.Field, t.Max, t.Multiline, t.Required) is { } problem) item.Problems.Add(problem);
    }

    /// <summary>The rules' history, read again only when a rule set was saved since.</summary>
    private async Task<RuleTimeline> TimelineAsync(CancellationToken ct)
    {
        var current = string.Join(";", (await rules.ListAsync(ct)).Where(r => TimelineKinds.Contains(r.Kind))
            .OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Scope, StringComparer.Ordinal).Select(r => $"{r.Kind}/{r.Scope}:{r.Version}"));
        if (_timeline is { } known && known.Fingerprint == current) return known;
        await _timelineLock.WaitAsync(ct);
        try
        {
            if (_timeline is { } again && again.Fingerprint == current) return again;
            return _timeline = new RuleTimeline(await rules.VersionsAsync(TimelineKinds, ct));
        }
        finally { _timelineLock.Release(); }
    }
}
