using System.Globalization;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Web.Text;

/// <summary>
/// What a rating means (1 very dissatisfied … 5 very satisfied) in the reader's language. The stored value stays the
/// number; only what a person reads gains its meaning. The rating is the field of the unit's feedback task (found by its
/// kind, never by the step's id) and the ticket's satisfaction.
/// </summary>
public static class Ratings
{
    /// <summary>The feedback task's form field that holds the score.</summary>
    public const string ScoreField = "satisfaction";

    /// <summary>Whether <paramref name="field"/> of <paramref name="task"/> is the unit's rating.</summary>
    public static bool IsScore(HumanTask task, FormField field) => task.TaskKind is TaskKinds.Feedback or TaskKinds.FollowUpCall && field.Name == ScoreField;

    /// <summary>The meaning of <paramref name="score"/> ("很满意", "Very satisfied"), or null for a value that is no score.</summary>
    public static string? Meaning(string? score) =>
        int.TryParse(score, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5 ? SharedTexts.Find("Rating." + n) : null;

    /// <summary>A score as a choice reads: "5 · 很满意" (the number alone when it has no meaning).</summary>
    public static string Option(string? score) => Meaning(score) is { } meaning ? $"{score} · {meaning}" : score ?? "";

    /// <summary>A given rating as a page shows it: "4 / 5 · 满意".</summary>
    public static string Given(int score) =>
        Meaning(score.ToString(CultureInfo.InvariantCulture)) is { } meaning ? $"{score} / 5 · {meaning}" : $"{score} / 5";
}
