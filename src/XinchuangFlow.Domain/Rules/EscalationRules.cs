using System.Text.Json;

namespace XinchuangFlow.Domain.Rules;

/// <summary>The regional escalation chain; definitions may give their own levels.</summary>
public sealed class EscalationRules
{
    public List<EscalationLevel> Levels { get; set; } = [];

    public static EscalationRules Parse(string json)
    {
        var rules = JsonSerializer.Deserialize<EscalationRules>(json, RuleBook.Json) ?? throw new InvalidDataException("Escalation rules: empty document.");
        var problems = Check(rules.Levels);
        if (problems.Count > 0) throw new InvalidDataException("Escalation rules: " + string.Join("; ", problems) + ".");
        return rules;
    }

    /// <summary>Levels must have distinct percentages between 1 and 1000, tell somebody, and use known channels.</summary>
    public static List<string> Check(IReadOnlyList<EscalationLevel> levels)
    {
        var problems = new List<string>();
        if (levels.Count == 0) problems.Add("there are no levels");
        foreach (var l in levels)
        {
            if (l.Percent is < 1 or > 1000) problems.Add($"percent {l.Percent} is outside 1–1000");
            if (l.Roles.Count + l.Users.Count == 0) problems.Add($"level {l.Percent}% tells nobody (name a role or a person)");
            if (l.Roles.Any(string.IsNullOrWhiteSpace) || l.Users.Any(string.IsNullOrWhiteSpace)) problems.Add($"level {l.Percent}% has an empty recipient");
            foreach (var u in l.Users.Where(u => u.Length > 256 || u.Any(char.IsWhiteSpace))) problems.Add($"level {l.Percent}%: '{u}' is not a user name");
            foreach (var c in l.Channels.Where(c => !EscalationLevel.KnownChannels.Contains(c))) problems.Add($"level {l.Percent}%: channel '{c}' is not inbox, email or sms");
        }
        foreach (var dup in levels.GroupBy(l => l.Percent).Where(g => g.Count() > 1)) problems.Add($"percent {dup.Key} appears twice");
        return problems;
    }
}
