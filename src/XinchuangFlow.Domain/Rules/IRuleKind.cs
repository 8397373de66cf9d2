namespace XinchuangFlow.Domain.Rules;

/// <summary>
/// A kind of rule set (grading, sla, …): its key, typed document, checks and field catalogue. One class per kind;
/// everything that lists, checks, limits or edits rules loops over the <see cref="RuleKindRegistry"/> instead of
/// switching on the key.
/// </summary>
public interface IRuleKind
{
    /// <summary>The key stored with each rule set and used in URLs (<c>/rules/{key}</c>).</summary>
    string Key { get; }

    /// <summary>The typed document <see cref="Parse"/> returns.</summary>
    Type DocumentType { get; }

    /// <summary>Resource key of the kind's title.</summary>
    string TitleKey { get; }

    /// <summary>The shipped file under <c>workflows/rules</c> the regional default is imported from.</summary>
    string DefaultFile { get; }

    /// <summary>Why a what-if replay cannot use this kind (null: it can).</summary>
    string? NotReplayableReason { get; }

    /// <summary>Regional only: the cities read it and keep no overrides of it.</summary>
    bool RegionOnly { get; }

    IReadOnlyList<RuleField> Fields { get; }

    /// <summary>The typed document; <see cref="InvalidDataException"/> naming every problem when it is not valid.</summary>
    object Parse(string json);

    /// <summary>
    /// Every problem of an effective document (empty when it is valid), for documents raised from <paramref name="now"/>
    /// on. Never throws for a bad document.
    /// </summary>
    IReadOnlyList<Problem> Validate(string json, DateTimeOffset now);
}
