using System.Text.Json;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Grading;

/// <summary>
/// Automatic grading P1–P4 (DSP-1) as a decision table: rows are tried in order and the first whose conditions all
/// hold decides. Tables are data (shipped in <c>workflows/rules/grading.json</c>), so a city can override them.
/// </summary>
public sealed class GradingTable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    
    public GradingTable(IReadOnlyList<GradingRow> rows)
    {
        var problems = new List<Problem>();
        if (rows.Count == 0) problems.Add(Problem.Of(Rules.RuleProblems.GradingNoRows, "rows", "the table has no rows"));
        for (var n = 0; n < rows.Count; n++)
        {
            var r = rows[n];
            if (string.IsNullOrWhiteSpace(r.Id)) problems.Add(Problem.Of(Rules.RuleProblems.GradingRowNoId, $"rows[{n}].id", "a row has no id", ("row", n + 1)));
            if (!Tickets.Grade.IsCode(r.Grade))
                problems.Add(Problem.Of(Rules.RuleProblems.GradingRowGrade, $"rows[{n}].grade", $"row '{r.Id}': grade '{r.Grade}' is not P1–P4", ("row", n + 1), ("value", r.Grade)));
            foreach (var i in r.Impacts ?? [])
                if (!Impacts.All.Contains(i))
                    problems.Add(Problem.Of(Rules.RuleProblems.GradingRowImpact, $"rows[{n}].impacts", $"row '{r.Id}': unknown impact '{i}'", ("row", n + 1), ("value", i)));
        }
        foreach (var dup in rows.GroupBy(r => r.Id).Where(g => g.Count() > 1))
            problems.Add(Problem.Of(Rules.RuleProblems.GradingRowTwice, "rows", $"row id '{dup.Key}' is used twice", ("value", dup.Key)));
        if (rows.Count > 0 && !IsCatchAll(rows[^1]))
            problems.Add(Problem.Of(Rules.RuleProblems.GradingNoCatchAll, "rows", "the last row must match everything, so every ticket gets a grade"));
        DocumentProblems.ThrowIfAny(problems);
        Rows = rows;
    }

    public IReadOnlyList<GradingRow> Rows { get; }

    private static bool IsCatchAll(GradingRow r) => r.Categories is not { Count: > 0 } && r.Impacts is not { Count: > 0 } && r.KeywordsAny is not { Count: > 0 };

    public static GradingTable Parse(string json)
    {
        var doc = Rules.RuleBook.Deserialize<TableDocument>(json, "grading rules");
        return new GradingTable(doc.Rows ?? []);
    }

    public GradingResult Grade(GradingInput input)
    {
        foreach (var row in Rows)
        {
            if (row.Categories is { Count: > 0 } cats && !cats.Contains(input.ProductCategory, StringComparer.OrdinalIgnoreCase)) continue;
            if (row.Impacts is { Count: > 0 } impacts && !impacts.Contains(input.Impact, StringComparer.OrdinalIgnoreCase)) continue;
            var matched = row.KeywordsAny?.Where(k => input.Description.Contains(k, StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
            if (row.KeywordsAny is { Count: > 0 } && matched.Count == 0) continue;
            var because = new List<string>();
            var becauseEn = new List<string>();
            if (row.Categories is { Count: > 0 }) { because.Add($"产品类别为{Network.ProductCategories.Names.GetValueOrDefault(input.ProductCategory, input.ProductCategory)}"); becauseEn.Add($"category {input.ProductCategory}"); }
            if (row.Impacts is { Count: > 0 }) { because.Add($"影响范围为{Impacts.NamesZh.GetValueOrDefault(input.Impact, input.Impact)}"); becauseEn.Add($"impact {input.Impact}"); }
            if (matched.Count > 0) { because.Add($"描述含关键词“{string.Join("、", matched)}”"); becauseEn.Add($"description mentions {string.Join(", ", matched)}"); }
            var reasonZh = because.Count == 0 ? "未命中其他规则，按默认" : string.Join("，", because);
            var reasonEn = becauseEn.Count == 0 ? "no other row matched; default" : string.Join("; ", becauseEn);
            return new GradingResult(Tickets.Grade.Parse(row.Grade), row.Id, $"定级{row.Grade}（规则“{row.NameIn(english: false)}”）：{reasonZh}。", $"Graded {row.Grade} by the row \"{row.NameIn(english: true)}\": {reasonEn}.", matched);
        }
        throw new InvalidOperationException("The grading table has no catch-all row.");
    }

    private sealed class TableDocument
    {
        public int SchemaVersion { get; set; }
        public string? Table { get; set; }
        public List<GradingRow>? Rows { get; set; }
    }
}
