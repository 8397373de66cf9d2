using XinchuangFlow.Domain.Time;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Application.Audit;

/// <summary>
/// The audit trail for the Data Bureau (SEC-3): search every change (definitions, rules, every ticket and complaint
/// action, the network, platform keys, the mailbox's triage …), export it, and verify its SM3 chain. Lines are never
/// deleted by the platform (retention is unlimited, beyond the 6 months 等保 2.0 asks for).
/// </summary>
public sealed class AuditService(IAuditLog log, AccessService access, INetworkRepository network, GuangxiDivisions divisions)
{
    private void Check(Actor actor)
    {
        if (!access.MayReadAudit(actor))
            throw access.Denied(actor, "read the audit trail", "The audit trail is the Data Bureau's and the supervisors'.");
    }

    /// <summary>The matching lines, newest first, each with the name of what it is about (<see cref="AuditLine.Subject"/>).</summary>
    public async Task<(IReadOnlyList<AuditLine> Items, int Total)> SearchAsync(Actor actor, AuditQuery query, int? skip, int? take, CancellationToken ct = default)
    {
        Check(actor);
        var (from, count) = Paging.Check(skip, take);
        if (query.From is { } f && query.To is { } t && t < f) throw new InvalidInputException(Problem.Of(RequestProblems.PeriodOrder, "to", "The end of the period is before its start."));
        var (items, total) = await log.SearchAsync(query, from, count, ct);
        // The audit's readers see every enterprise (the Data Bureau, the Intranet Office).
        var enterprises = items.Count == 0 ? new Dictionary<Guid, string>() : (await network.EnterprisesAsync(ct)).ToDictionary(e => e.Id, e => e.Name);
        return (items.Select(e => AuditLine.Of(e, SubjectOf(e, enterprises))).ToList(), total);
    }

    /// <summary>What a line is about, by name, where its id is no name (<see cref="AuditLine.Subject"/>).</summary>
    private string? SubjectOf(AuditEntry e, IReadOnlyDictionary<Guid, string> enterprises)
    {
        switch (e.EntityKind)
        {
            case "rule-set":
                return e.EntityId.Split('/') is [_, var scope] && scope != Domain.Rules.RuleKinds.RegionScope ? divisions.Find(scope)?.Name : null;
            case BuildOutService.AuditKind:
                return e.EntityId.Split('/') is [var who, _] && Guid.TryParse(who, out var evaluated) ? enterprises.GetValueOrDefault(evaluated) : null;
            case LiaisonService.AuditKind:
                return LiaisonParty.Parse(e.EntityId) switch
                {
                    { Kind: LiaisonParty.Enterprise, EnterpriseId: { } id } => enterprises.GetValueOrDefault(id),
                    { Kind: LiaisonParty.City, CityCode: { } city } => divisions.Find(city)?.Name,
                    _ => null,
                };
        }
        if (!Guid.TryParse(e.EntityId, out var thing)) return null;
        return enterprises.TryGetValue(thing, out var enterprise) ? enterprise : NameIn(e.After) ?? NameIn(e.Before);
    }

    /// <summary>The name a line's state gives the thing (a service point, a technician).</summary>
    private static string? NameIn(string? json)
    {
        if (json is not { Length: > 1 } || json[0] != '{') return null;
        try { return JsonNode.Parse(json)?["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null; }
        catch (JsonException) { return null; }
    }

    /// <summary>The matching lines (at most 100,000) as CSV (UTF-8 with BOM so that spreadsheet programs read Chinese), oldest first.</summary>
    public async Task<byte[]> ExportCsvAsync(Actor actor, AuditQuery query, CancellationToken ct = default)
    {
        Check(actor);
        var csv = new StringBuilder("sealOrder,at,user,address,kind,id,action,version,comment,before,after,hash\n");
        var lines = new List<AuditEntry>();
        for (var skip = 0; skip < 100_000; skip += 1000)
        {
            var (items, _) = await log.SearchAsync(query, skip, 1000, ct);
            lines.AddRange(items);
            if (items.Count < 1000) break;
        }
        foreach (var e in Enumerable.Reverse(lines))
            csv.AppendJoin(',', new[] { e.SealOrder?.ToString(CultureInfo.InvariantCulture), e.At.ToChina().ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture),
                e.User, e.Address, e.EntityKind, e.EntityId, e.Action, e.Version?.ToString(CultureInfo.InvariantCulture), e.Comment, e.Before, e.After, e.Hash }.Select(Field)).Append('\n');
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>Seals what is waiting, then recomputes the whole chain.</summary>
    public async Task<AuditVerification> VerifyAsync(Actor actor, CancellationToken ct = default)
    {
        Check(actor);
        while (await log.SealAsync(5000, ct) > 0) { }
        return await log.VerifyAsync(ct);
    }

    /// <summary>A CSV field: quoted when it holds a separator, a quote or a line break; a leading = + - @ is defused (no formulas).</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
