using System.Text.Json;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Network;

/// <summary>
/// A party that names a liaison (NET-4, annex 5 of the plan): the Data Bureau, the Intranet Office, a city's coordinator, an
/// enterprise. Its key is how it is stored and addressed: <c>data-bureau</c>, <c>intranet-office</c>, <c>city-4501</c>,
/// <c>enterprise-{id}</c>.
/// </summary>
public sealed record LiaisonParty(string Kind, string? CityCode = null, Guid? EnterpriseId = null)
{
    public const string DataBureau = "data-bureau";
    public const string IntranetOffice = "intranet-office";
    public const string City = "city";
    public const string Enterprise = "enterprise";

    public string Key => Kind switch
    {
        City => $"city-{CityCode}",
        Enterprise => $"enterprise-{EnterpriseId}",
        _ => Kind,
    };

    /// <summary>The party a key names, or null when it names none (the city and enterprise are checked by the service).</summary>
    public static LiaisonParty? Parse(string? key)
    {
        if (key is null) return null;
        if (key is DataBureau or IntranetOffice) return new LiaisonParty(key);
        if (key.StartsWith("city-", StringComparison.Ordinal) && key.Length == 9 && key[5..].All(char.IsAsciiDigit)) return new LiaisonParty(City, CityCode: key[5..]);
        if (key.StartsWith("enterprise-", StringComparison.Ordinal) && Guid.TryParse(key["enterprise-".Length..], out var id)) return new LiaisonParty(Enterprise, EnterpriseId: id);
        return null;
    }
}

/// <summary>A party's liaison and deputy (names and phones encrypted at rest like every contact's).</summary>
public sealed class Liaison
{
    /// <summary>The party's key (<see cref="LiaisonParty.Key"/>).</summary>
    public string Party { get; set; } = "";
    public string Name { get; set; } = "";
    public string Phone { get; set; } = "";
    public string? DeputyName { get; set; }
    public string? DeputyPhone { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>What a party writes about its liaison.</summary>
public sealed record LiaisonInput(string? Name, string? Phone, string? DeputyName, string? DeputyPhone);

/// <summary>One row of the liaison table: the party, its name in the reader's words is the page's, its liaison (null: not named yet), and whether the reader may edit it.</summary>
public sealed record LiaisonRow(LiaisonParty Party, string PartyName, Liaison? Liaison, bool MayEdit);

/// <summary>Where liaisons are kept (the database layer implements it).</summary>
public interface ILiaisonStore
{
    Task<IReadOnlyList<Liaison>> ListAsync(CancellationToken ct = default);
    Task<Liaison?> FindAsync(string party, CancellationToken ct = default);
    /// <summary>Inserts or replaces the party's liaison.</summary>
    Task SaveAsync(Liaison liaison, CancellationToken ct = default);
}

/// <summary>Problem codes of liaisons.</summary>
[ProblemCodes]
public static class LiaisonProblems
{
    /// <summary>Arguments: field (name, phone, deputyName, deputyPhone): the value is missing.</summary>
    public const string Required = "liaison-required";
    /// <summary>Arguments: field (phone, deputyPhone): not a phone number (digits, spaces, + and -, 5 to 20 characters).</summary>
    public const string Phone = "liaison-phone";
}

/// <summary>
/// Liaisons per party and city (NET-4): the Data Bureau, the Intranet Office, each city's coordinator and each enterprise
/// name who to call, their phone and a deputy. Each party edits its own (the Data Bureau any); everyone signed in who works
/// in the platform reads them all. Every change is audited with before and after.
/// </summary>
public sealed class LiaisonService(ILiaisonStore store, INetworkRepository network, GuangxiDivisions divisions, AccessService access, IAuditLog audit, TimeProvider clock)
{
    public const string AuditKind = "liaison";

    /// <summary>Every party (the Data Bureau, the Intranet Office, the 14 cities, the enterprises) with its liaison.</summary>
    public async Task<IReadOnlyList<LiaisonRow>> ListAsync(Actor actor, Func<string, string>? partyName = null, CancellationToken ct = default)
    {
        if (!access.MayReadLiaisons(actor))
            throw access.Denied(actor, "read the liaisons", "The liaisons are for those who work in the platform.");
        var saved = (await store.ListAsync(ct)).ToDictionary(l => l.Party);
        var parties = new List<(LiaisonParty Party, string Name)>
        {
            (new LiaisonParty(LiaisonParty.DataBureau), partyName?.Invoke(LiaisonParty.DataBureau) ?? "自治区数据局"),
            (new LiaisonParty(LiaisonParty.IntranetOffice), partyName?.Invoke(LiaisonParty.IntranetOffice) ?? "内网办"),
        };
        parties.AddRange(divisions.Cities.Select(c => (new LiaisonParty(LiaisonParty.City, CityCode: c.Code), c.Name)));
        parties.AddRange((await network.EnterprisesAsync(ct)).OrderBy(e => e.Kind).ThenBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => (new LiaisonParty(LiaisonParty.Enterprise, EnterpriseId: e.Id), e.Name)));
        return parties.Select(p => new LiaisonRow(p.Party, p.Name, saved.GetValueOrDefault(p.Party.Key), access.MayEditLiaison(actor, p.Party))).ToList();
    }

    /// <summary>Names the party's liaison: its own party's for each, any for the Data Bureau; audited with before and after, the names and phones masked.</summary>
    public async Task<Liaison> SaveAsync(Actor actor, string? partyKey, LiaisonInput input, CancellationToken ct = default)
    {
        if (LiaisonParty.Parse(partyKey) is not { } party || !await ExistsAsync(party, ct)) throw access.NotFound(actor, "liaison party", partyKey ?? "");
        if (!access.MayEditLiaison(actor, party))
            throw access.Denied(actor, $"name the liaison of {party.Key}", "Each party names its own liaison; the Data Bureau may name any.");
        var problems = new List<Problem>();
        string? Text(string? value, string field, bool required, int max)
        {
            var v = value?.Trim();
            if (string.IsNullOrEmpty(v)) v = null;
            if (v is null && required) problems.Add(Problem.Of(LiaisonProblems.Required, field, $"{field} is required."));
            return v is { Length: > 0 } && v.Length > max ? v[..max] : v;
        }
        string? PhoneOf(string? value, string field, bool required)
        {
            var v = Text(value, field, required, 30);
            if (v is not null && (v.Length is < 5 or > 20 || !v.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '-' or '+')))
                problems.Add(Problem.Of(LiaisonProblems.Phone, field, $"{field} is not a phone number."));
            return v;
        }
        var name = Text(input.Name, "name", true, 50);
        var phone = PhoneOf(input.Phone, "phone", true);
        var deputyName = Text(input.DeputyName, "deputyName", !string.IsNullOrWhiteSpace(input.DeputyPhone), 50);
        var deputyPhone = PhoneOf(input.DeputyPhone, "deputyPhone", deputyName is not null);
        if (problems.Count > 0) throw new InvalidInputException(problems);
        if (name is not null && !TextRules.HasVisibleText(name)) throw new InvalidInputException(Problem.Of(LiaisonProblems.Required, "name", "name is required."));

        var before = await store.FindAsync(party.Key, ct);
        var after = new Liaison
        {
            Party = party.Key, Name = name!, Phone = phone!, DeputyName = deputyName, DeputyPhone = deputyPhone, UpdatedAt = clock.GetUtcNow(), UpdatedBy = actor.UserName,
        };
        await store.SaveAsync(after, ct);
        await audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = after.UpdatedAt, User = actor.UserName, EntityKind = AuditKind, EntityId = party.Key, Action = before is null ? "name" : "change",
            Before = before is null ? null : Shape(before), After = Shape(after, before),
        }, ct);
        return after;
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The state before, as the audit keeps it: names and phones are contacts encrypted at rest, so masked (<see cref="PersonalData"/>).</summary>
    private static string Shape(Liaison l) => JsonSerializer.Serialize(new
    {
        name = PersonalData.MaskName(l.Name), phone = PersonalData.MaskPhone(l.Phone),
        deputyName = PersonalData.MaskName(l.DeputyName), deputyPhone = PersonalData.MaskPhone(l.DeputyPhone),
    }, Json);

    /// <summary>The state after, masked like <see cref="Shape(Liaison)"/>, naming the fields that changed from <paramref name="before"/> (those given, for a first liaison).</summary>
    private static string Shape(Liaison l, Liaison? before) => JsonSerializer.Serialize(new
    {
        name = PersonalData.MaskName(l.Name), phone = PersonalData.MaskPhone(l.Phone),
        deputyName = PersonalData.MaskName(l.DeputyName), deputyPhone = PersonalData.MaskPhone(l.DeputyPhone),
        changed = PersonalData.Changed(("name", before?.Name, l.Name), ("phone", before?.Phone, l.Phone),
            ("deputyName", before?.DeputyName, l.DeputyName), ("deputyPhone", before?.DeputyPhone, l.DeputyPhone)),
    }, Json);

    private async Task<bool> ExistsAsync(LiaisonParty party, CancellationToken ct) => party.Kind switch
    {
        LiaisonParty.City => divisions.Find(party.CityCode!) is { Level: DivisionLevel.City },
        LiaisonParty.Enterprise => await network.FindEnterpriseAsync(party.EnterpriseId!.Value, ct) is not null,
        _ => true,
    };
}
