using System.Text.Json;

namespace XinchuangFlow.Domain.Rules;

/// <summary>The common part of a kind whose document is <typeparamref name="TDocument"/>.</summary>
public abstract class RuleKind<TDocument> : IRuleKind where TDocument : class
{
    public abstract string Key { get; }
    public Type DocumentType => typeof(TDocument);
    public abstract string TitleKey { get; }
    public virtual string DefaultFile => Key + ".json";
    public virtual string? NotReplayableReason => null;
    public virtual bool RegionOnly => false;
    public abstract IReadOnlyList<RuleField> Fields { get; }

    public abstract TDocument Parse(string json);
    object IRuleKind.Parse(string json) => Parse(json);

    /// <summary>Checks beyond parsing that depend on the time (none by default).</summary>
    protected virtual IReadOnlyList<Problem> Check(TDocument document, DateTimeOffset now) => [];

    public IReadOnlyList<Problem> Validate(string json, DateTimeOffset now)
    {
        try { return Check(Parse(json), now); }
        catch (InvalidDataException ex) { return DocumentProblems.Of(ex, "rules"); }
        catch (JsonException ex) { return [Problem.Of(RuleProblems.NotJson, null, $"The {Key} rules are not valid JSON: {ex.Message}")]; }
    }
}
