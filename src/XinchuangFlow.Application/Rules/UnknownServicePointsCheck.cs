using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Application.Rules;

/// <summary>Service points a dispatch document names that do not exist (a typo or a closed point).</summary>
public sealed class UnknownServicePointsCheck(Domain.Network.INetworkRepository network) : IRuleKindCheck
{
    public string Kind => RuleKinds.Dispatch;

    public async Task<IReadOnlyList<Problem>> ProblemsAsync(IRuleKind kind, JsonObject document, CancellationToken ct)
    {
        var named = Named(kind, document, RuleValueType.ServicePointList);
        if (named.Count == 0) return [];
        var known = (await network.ServicePointsAsync(null, ct)).Select(p => p.Id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return named.Where(n => !known.Contains(n.Value))
            .Select(n => Problem.Of(RuleProblems.UnknownServicePoint, n.Path, $"Service point '{n.Value}' does not exist.")).ToList();
    }

    /// <summary>Every value the document holds in the kind's fields of a list type, with the field's path (found through the catalogue, not by member name).</summary>
    internal static List<(string Path, string Value)> Named(IRuleKind kind, JsonObject document, RuleValueType type) =>
        kind.Fields.Where(f => f.Type == type).SelectMany(f => f.Values(document))
            .SelectMany(v => (v.Value as JsonArray ?? []).Select(n => (v.Path, n?.ToString() ?? ""))).ToList();
}
