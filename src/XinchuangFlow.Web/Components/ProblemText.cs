using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using XinchuangFlow.Web.Text;

namespace XinchuangFlow.Web.Components;

/// <summary>
/// The one place a refusal (<see cref="XfException"/>) or a problem becomes the text a person reads, in the language of
/// the request or circuit (<see cref="CultureInfo.CurrentUICulture"/>): the code's text from
/// <c>ProblemResource</c> with its arguments filled in — a field named by its label, a duration as "4 小时" —; a problem
/// whose code has no text yet shows its English message. Pages catch the family, not its members, and branch on
/// <see cref="XfException.Kind"/> where they must (a conflict offers a reload); the API's problem responses use it too.
/// </summary>
public static partial class ProblemText
{
    private static readonly ResourceManager Resources = new("XinchuangFlow.Web.Resources.ProblemResource", typeof(ProblemResource).Assembly);

    /// <summary>Every problem of the refusal, as one line.</summary>
    public static string Text(this XfException refusal) => string.Join(" ", refusal.Problems.Select(Text));

    /// <summary>Each problem's text, one per line (a list under a form).</summary>
    public static List<string> Texts(this XfException refusal) => refusal.Problems.Select(Text).ToList();

    /// <summary>The problems' texts by field (those of the request as a whole under ""), for a form's fields.</summary>
    public static Dictionary<string, string[]> TextsByField(this XfException refusal) =>
        refusal.Problems.GroupBy(p => p.Field ?? "").ToDictionary(g => g.Key, g => g.Select(Text).ToArray());

    /// <summary>The problem in the reader's language.</summary>
    public static string Text(this Problem problem)
    {
        var template = Resources.GetString(problem.Code, CultureInfo.CurrentUICulture);
        if (template is null) return problem.Message;
        return Placeholder().Replace(template, m => Argument(m.Groups[1].Value, problem.Args?.GetValueOrDefault(m.Groups[1].Value)));
    }

    /// <summary>
    /// A field's label as problems name it ("标题" / "title"): its own label, else — a rule document's path
    /// (<c>onSite.byGrade.P1.sameCity</c>, <c>levels[0].percent</c>) — the label its editor gives it, with the grade or
    /// the row; the key itself when it has none.
    /// </summary>
    public static string FieldLabel(string field) =>
        Resources.GetString("Field." + field, CultureInfo.CurrentUICulture) ?? RuleFieldLabel(field) ?? field;

    /// <summary>The label of a rule document's path as the rules pages show it; null when no shipped kind declares the path.</summary>
    public static string? RuleFieldLabel(string path)
    {
        var bare = path.StartsWith(Domain.Rules.RuleLimits.Member + ".", StringComparison.Ordinal) ? path[(Domain.Rules.RuleLimits.Member.Length + 1)..] : path;
        foreach (var kind in Domain.Rules.RuleKindRegistry.Shipped)
        {
            Domain.Rules.RuleField field;
            try { field = Domain.Rules.RuleFieldLookup.FieldAt(kind, bare.Replace("*", "P1", StringComparison.Ordinal)); }
            catch (InvalidOperationException) { continue; }
            var allGrades = bare.Split('.').Contains("*") && field.AllGradesLimitLabelKey is not null;
            var label = SharedTexts.Find(allGrades ? field.AllGradesLimitLabelKey! : field.LabelKey) ?? field.LabelKey;
            var grade = bare.Split('.').FirstOrDefault(Domain.Tickets.Grade.IsCode) ?? (field.PerGrade && !allGrades ? "P1–P4" : null);
            if (field.PerGrade && grade is not null && !allGrades)
                label = label.Contains("{0}", StringComparison.Ordinal) ? string.Format(CultureInfo.CurrentCulture, label, grade) : Format("Field.OfGrade", label, grade);
            if (RowIndex().Match(bare) is { Success: true } row)
                label = Format("Field.OfRow", label, int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture) + 1);
            return label;
        }
        return null;
    }

    private static string Format(string key, params object[] args) =>
        string.Format(CultureInfo.CurrentCulture, Resources.GetString(key, CultureInfo.CurrentUICulture) ?? "{0} ({1})", args);

    /// <summary>A definition's finding in the reader's language (<c>def.</c> + its code); its English message when the code has no text.</summary>
    public static string Text(this Engine.Validation.ValidationProblem finding) =>
        Text(new Problem("def." + finding.Code, null, finding.Message, finding.Args));

    /// <summary>Whether a code has a text of its own (a test checks every declared code in both languages).</summary>
    public static string? Template(string code, CultureInfo culture) => Resources.GetString(code, culture);

    private static string Argument(string name, object? value) => value switch
    {
        null => "",
        string field when name == "field" => FieldLabel(field),
        string clock when name == "clock" => Resources.GetString("Clock." + clock, CultureInfo.CurrentUICulture) ?? clock,
        string code when name is "city" or "county" or "scope" => PlaceName(code),
        string kind when name == "kind" && Domain.Rules.RuleKindRegistry.Builtin.Find(kind) is { } k => SharedTexts.Find(k.TitleKey) ?? kind,
        string kind when name == "kind" && Domain.Tickets.TaskKinds.Find(kind) is { } t => SharedTexts.Find(t.NameKey) ?? kind,
        string role when name == "role" => SharedTexts.Find("Role." + role) ?? role,
        IEnumerable<string> roles when name == "roles" => string.Join(Separator(), roles.Select(r => SharedTexts.Find("Role." + r) ?? r)),
        string state when name == "articleStatus" => SharedTexts.Find("ArticleStatus." + state) ?? state,
        string category when name == "category" => SharedTexts.Find("Category." + category) ?? category,
        string indicator when name == "indicator" => SharedTexts.Find("Kpi." + indicator) ?? indicator,
        string what when name == "what" => Resources.GetString("What." + what, CultureInfo.CurrentUICulture) ?? what,
        Engine.Runtime.WorkflowStatus status => SharedTexts.Find(status.ToString()) ?? status.ToString(),
        Engine.Abstractions.DefinitionStatus status => SharedTexts.Find(status.ToString()) ?? status.ToString(),
        Domain.Tickets.TicketStatus status => SharedTexts.Find("Status." + status.Code) ?? status.Code,
        Engine.Activities.InputDescriptor input => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? input.DisplayNameEn : input.DisplayNameZh,
        TimeSpan span => Durations.Text(span),
        DateTimeOffset moment => Times.Full(moment),
        DateOnly day => Times.Date(day),
        int or long => ((IFormattable)value).ToString("N0", CultureInfo.CurrentCulture),
        double number => number.ToString("0.##", CultureInfo.CurrentCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Between the items of a list: "、" in Chinese, ", " in English.</summary>
    private static string Separator() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? "、" : ", ";

    /// <summary>A division code as its name ("region" as the region's); any other text as it is.</summary>
    private static string PlaceName(string code) =>
        code == Domain.Rules.RuleKinds.RegionScope ? Resources.GetString("Place.Region", CultureInfo.CurrentUICulture) ?? code
        : Domain.Network.GuangxiDivisions.Shipped.Find(code)?.Name ?? code;

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex RowIndex();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
