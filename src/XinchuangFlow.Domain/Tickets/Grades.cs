namespace XinchuangFlow.Domain.Tickets;

/// <summary>
/// The four service grades of the work-order standard, P1 the most urgent. Grades are keys of the rule documents
/// (targets per grade) and values of the ticket; this is the one list of them.
/// </summary>
public static class Grades
{
    public const string P1 = "P1", P2 = "P2", P3 = "P3", P4 = "P4";

    public static readonly IReadOnlyList<string> All = [P1, P2, P3, P4];

    public static bool IsGrade(string? grade) => grade is P1 or P2 or P3 or P4;

    /// <summary>A grade as a person typed it ("p2 ") in its canonical form, or null when it is none.</summary>
    public static string? Parse(string? text) => text?.Trim().ToUpperInvariant() is { } g && IsGrade(g) ? g : null;
}
