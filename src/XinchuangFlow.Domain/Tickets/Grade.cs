using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace XinchuangFlow.Domain.Tickets;

/// <summary>
/// One of the four service grades of the work-order standard, P1 the most urgent. A typed value: grades are values of
/// the ticket and keys of the rule documents (targets per grade), and nothing else is one. Written as its code
/// (<c>"P2"</c>) in JSON, in the database and on the wire.
/// </summary>
[JsonConverter(typeof(CodeJsonConverter<Grade>))]
public readonly record struct Grade : IParsable<Grade>, IComparable<Grade>
{
    private readonly int _level;

    private Grade(int level) => _level = level;

    /// <summary>1 for P1 … 4 for P4; a default value reads as P4, the least urgent.</summary>
    public int Level => _level == 0 ? 4 : _level;

    public string Code => "P" + Level;

    public static readonly Grade P1 = new(1), P2 = new(2), P3 = new(3), P4 = new(4);

    /// <summary>The four grades, most urgent first.</summary>
    public static IReadOnlyList<Grade> All { get; } = [P1, P2, P3, P4];

    /// <summary>The codes of <see cref="All"/> ("P1" … "P4"), for pickers and document keys.</summary>
    public static IReadOnlyList<string> Codes { get; } = All.Select(g => g.Code).ToList();

    /// <summary>The grade a ticket without one is treated as (targets of the least urgent grade).</summary>
    public static Grade Default => P4;

    /// <summary>A grade as a person typed it ("p2 "), or false when it is none.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Grade result)
    {
        var text = s?.Trim();
        result = text is { Length: 2 } && (text[0] is 'P' or 'p') && text[1] is >= '1' and <= '4' ? new Grade(text[1] - '0') : default;
        return result._level != 0;
    }

    public static bool TryParse([NotNullWhen(true)] string? s, out Grade result) => TryParse(s, null, out result);

    /// <summary>Whether <paramref name="code"/> is a grade as a person may type it ("p2 ").</summary>
    public static bool IsGrade([NotNullWhen(true)] string? code) => TryParse(code, out _);

    /// <summary>Whether <paramref name="code"/> is exactly a grade's code ("P2"), as keys of rule documents are.</summary>
    public static bool IsCode([NotNullWhen(true)] string? code) => TryParse(code, out var g) && g.Code == code;

    public static Grade Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var grade) ? grade : throw new FormatException($"'{s}' is not a grade; the grades are P1, P2, P3 and P4.");

    public bool Equals(Grade other) => Level == other.Level;

    public override int GetHashCode() => Level;

    /// <summary>Orders by urgency: P1 before P4.</summary>
    public int CompareTo(Grade other) => Level.CompareTo(other.Level);

    public override string ToString() => Code;
}
