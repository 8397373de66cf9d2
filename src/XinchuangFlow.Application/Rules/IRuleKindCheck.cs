using System.Text.Json.Nodes;
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

    /// <summary>The problems of the document as saved (a city's: its overrides); none when it is fine.</summary>
    Task<IReadOnlyList<Problem>> ProblemsAsync(IRuleKind kind, JsonObject document, CancellationToken ct);
}
