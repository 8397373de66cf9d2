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

    /// <summary>A field's label as problems name it ("标题" / "title"); the key itself when it has none.</summary>
    public static string FieldLabel(string field) => Resources.GetString("Field." + field, CultureInfo.CurrentUICulture) ?? field;

    /// <summary>Whether a code has a text of its own (a test checks every declared code in both languages).</summary>
    public static string? Template(string code, CultureInfo culture) => Resources.GetString(code, culture);

    private static string Argument(string name, object? value) => value switch
    {
        null => "",
        string field when name == "field" => FieldLabel(field),
        TimeSpan span => Durations.Text(span),
        DateTimeOffset moment => Times.Full(moment),
        DateOnly day => Times.Date(day),
        int or long => ((IFormattable)value).ToString("N0", CultureInfo.CurrentCulture),
        double number => number.ToString("0.##", CultureInfo.CurrentCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
