using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Application.Rules;

/// <summary>
/// A check of a rule kind's document that needs I/O (the Domain's <see cref="IRuleKind.Validate"/> cannot look things
/// up). Registered in DI; <see cref="RuleService"/> runs every check of the kind being saved, after the document itself
/// passed, so it never needs to know which kind wants what.
/// </summary>
public interface IRuleKindCheck
{
    /// <summary>The key of the kind checked.</summary>
    string Kind { get; }

    /// <summary>The problems of the document as saved (a city's: its overrides), each a sentence; none when it is fine.</summary>
    Task<IReadOnlyList<string>> ProblemsAsync(IRuleKind kind, JsonObject document, CancellationToken ct);
}

/// <summary>Service points a dispatch document names that do not exist (a typo or a closed point).</summary>
public sealed class UnknownServicePointsCheck(Domain.Network.INetworkRepository network) : IRuleKindCheck
{
    public string Kind => RuleKinds.Dispatch;

    public async Task<IReadOnlyList<string>> ProblemsAsync(IRuleKind kind, JsonObject document, CancellationToken ct)
    {
        var named = Named(kind, document, RuleValueType.ServicePointList);
        if (named.Count == 0) return [];
        var known = (await network.ServicePointsAsync(null, ct)).Select(p => p.Id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return named.Where(id => !known.Contains(id)).Select(id => $"Service point '{id}' does not exist.").ToList();
    }

    /// <summary>Every value the document holds in the kind's fields of a list type (found through the catalogue, not by member name).</summary>
    internal static List<string> Named(IRuleKind kind, JsonObject document, RuleValueType type) =>
        kind.Fields.Where(f => f.Type == type).SelectMany(f => f.Values(document))
            .SelectMany(v => v.Value as JsonArray ?? []).Select(n => n?.ToString() ?? "").ToList();
}

/// <summary>Named people of escalation levels who are not users of the platform (a notification to them would go nowhere).</summary>
public sealed class UnknownUsersCheck(IUserDirectory users) : IRuleKindCheck
{
    public string Kind => RuleKinds.Escalation;

    public async Task<IReadOnlyList<string>> ProblemsAsync(IRuleKind kind, JsonObject document, CancellationToken ct)
    {
        var unknown = new List<string>();
        foreach (var u in UnknownServicePointsCheck.Named(kind, document, RuleValueType.UserList).Distinct())
            if (await users.FindAsync(u, ct) is null) unknown.Add($"'{u}' is not a user of the platform.");
        return unknown;
    }
}
