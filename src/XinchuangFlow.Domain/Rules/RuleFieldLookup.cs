namespace XinchuangFlow.Domain.Rules;

/// <summary>Finding a kind's catalogue entry for a concrete path.</summary>
public static class RuleFieldLookup
{
    /// <summary>
    /// The field of <paramref name="kind"/> a concrete path (<c>onSite.byGrade.P1.sameCity</c>, <c>levels[0].users</c>)
    /// belongs to; <see cref="InvalidOperationException"/> when the catalogue has none (a body asked for an undeclared field).
    /// </summary>
    public static RuleField FieldAt(this IRuleKind kind, string path) =>
        kind.Fields.FirstOrDefault(f => Matches(f.Path, path))
        ?? throw new InvalidOperationException($"The {kind.Key} catalogue declares no field at '{path}'.");

    private static bool Matches(string pattern, string path)
    {
        var p = pattern.Replace("[]", "", StringComparison.Ordinal).Split('.');
        var c = System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", "").Split('.');
        if (p.Length != c.Length) return false;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == "*" || p[i] == c[i]) continue;
            if (p[i] == RuleField.GradeSlot && Tickets.Grade.IsCode(c[i])) continue;
            return false;
        }
        return true;
    }
}
