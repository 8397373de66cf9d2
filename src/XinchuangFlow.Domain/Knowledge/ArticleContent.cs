using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Knowledge;

/// <summary>
/// What an author writes: the kind, the title, the symptom a user sees, its cause, the steps that fix it (Markdown,
/// rendered safely where it is read), what it applies to (tags), and whether procurement units may read it too.
/// </summary>
public sealed record ArticleContent(string Kind, string Title, string? Symptom, string? Cause, string Steps, IReadOnlyList<string> Tags, bool ForUsers)
{
    public const int MaxTitle = 120;
    public const int MaxSection = 4_000;
    public const int MaxSteps = 20_000;

    /// <summary>The content trimmed, tags normalized ("OS: 银河麒麟V10 " → "os:银河麒麟V10") and de-duplicated.</summary>
    public ArticleContent Clean() => this with
    {
        Kind = (Kind ?? "").Trim(),
        Title = (Title ?? "").Trim(),
        Symptom = string.IsNullOrWhiteSpace(Symptom) ? null : Symptom.Trim(),
        Cause = string.IsNullOrWhiteSpace(Cause) ? null : Cause.Trim(),
        Steps = (Steps ?? "").Trim(),
        Tags = (Tags ?? []).Select(t => ArticleTags.Parse(t) is { } p ? ArticleTags.Normalize(p.Facet, p.Value) : (t ?? "").Trim())
            .Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
    };

    /// <summary>Every problem of the (cleaned) content, each naming its field.</summary>
    public List<Problem> Validate()
    {
        var problems = new ProblemList();
        if (!ArticleKinds.IsKnown(Kind))
            problems.Add(string.IsNullOrWhiteSpace(Kind)
                ? Problem.Of(TextProblems.ChoiceRequired, "kind", "Choose the kind of article.")
                : Problem.Of(KnowledgeProblems.UnknownKind, "kind", $"'{Kind}' is not one of {string.Join(", ", ArticleKinds.All)}.", ("value", Kind)));
        problems.AddIf(TextRules.Check(Title, "title", MaxTitle, multiline: false));
        problems.AddIf(TextRules.Check(Symptom, "symptom", MaxSection, multiline: true, required: false));
        problems.AddIf(TextRules.Check(Cause, "cause", MaxSection, multiline: true, required: false));
        problems.AddIf(TextRules.Check(Steps, "steps", MaxSteps, multiline: true));
        if (Tags.Count > ArticleTags.MaxTags)
            problems.Add(Problem.Of(KnowledgeProblems.TooManyTags, "tags", $"At most {ArticleTags.MaxTags} tags.", ("max", ArticleTags.MaxTags)));
        foreach (var tag in Tags.Take(ArticleTags.MaxTags + 1))
            problems.AddIf(ArticleTags.Check(tag));
        return problems;
    }
}
