using System.Text.Json;

namespace XinchuangFlow.Domain.Rules;

/// <summary>The regional escalation chain; definitions may give their own levels.</summary>
public sealed class EscalationRules
{
    public List<EscalationLevel> Levels { get; set; } = [];

    public static EscalationRules Parse(string json)
    {
        var rules = RuleBook.Deserialize<EscalationRules>(json, "escalation rules");
        DocumentProblems.ThrowIfAny(Check(rules.Levels));
        return rules;
    }

    /// <summary>Levels must have distinct percentages between 1 and 1000, tell somebody, and use known channels.</summary>
    public static List<Problem> Check(IReadOnlyList<EscalationLevel> levels)
    {
        var problems = new List<Problem>();
        if (levels.Count == 0) problems.Add(Problem.Of(RuleProblems.NoLevels, "levels", "there are no levels"));
        for (var i = 0; i < levels.Count; i++)
        {
            var l = levels[i];
            var at = $"levels[{i}]";
            if (l.Percent is < 1 or > 1000) problems.Add(Problem.Of(RuleProblems.PercentRange, $"{at}.percent", $"percent {l.Percent} is outside 1–1000", ("percent", l.Percent)));
            if (l.Roles.Count + l.Users.Count == 0)
                problems.Add(Problem.Of(RuleProblems.LevelTellsNobody, $"{at}.roles", $"level {l.Percent}% tells nobody (name a role or a person)", ("percent", l.Percent)));
            if (l.Roles.Any(string.IsNullOrWhiteSpace) || l.Users.Any(string.IsNullOrWhiteSpace))
                problems.Add(Problem.Of(RuleProblems.LevelEmptyRecipient, $"{at}.users", $"level {l.Percent}% has an empty recipient", ("percent", l.Percent)));
            foreach (var u in l.Users.Where(u => u.Length > 256 || u.Any(char.IsWhiteSpace)))
                problems.Add(Problem.Of(RuleProblems.LevelBadUser, $"{at}.users", $"level {l.Percent}%: '{u}' is not a user name", ("percent", l.Percent), ("value", u)));
            foreach (var c in l.Channels.Where(c => !EscalationLevel.KnownChannels.Contains(c)))
                problems.Add(Problem.Of(RuleProblems.LevelBadChannel, $"{at}.channels", $"level {l.Percent}%: channel '{c}' is not inbox, email or sms", ("percent", l.Percent), ("value", c)));
        }
        foreach (var dup in levels.GroupBy(l => l.Percent).Where(g => g.Count() > 1))
            problems.Add(Problem.Of(RuleProblems.PercentTwice, "levels", $"percent {dup.Key} appears twice", ("percent", dup.Key)));
        return problems;
    }
}
