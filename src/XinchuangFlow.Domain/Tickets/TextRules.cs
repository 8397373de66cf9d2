using System.Globalization;

namespace XinchuangFlow.Domain.Tickets;

/// <summary>
/// Checks on free text typed by users (SEC-4, SEC-6). Text is never rewritten: it is accepted as typed or refused
/// with a message that says why. Refused: text with nothing visible in it (only spaces, zero-width or
/// direction-control characters), direction overrides that can disguise what a line says, control characters, and
/// text over its length limit.
/// </summary>
public static class TextRules
{
    /// <summary>A phone number as the platform accepts it: digits, spaces, + and -, 5 to 20 of them.</summary>
    public static bool IsPhone(string? value) => value is not null && System.Text.RegularExpressions.Regex.IsMatch(value, @"^[0-9+\- ]{5,20}$");

    /// <summary>An e-mail address as the platform accepts it (something@domain.tld, at most 256 characters).</summary>
    public static bool IsEmail(string? value) => value is { Length: <= 256 } && System.Text.RegularExpressions.Regex.IsMatch(value, @"^[^@\s]+@[^@\s]+\.[^@\s]+$");

    /// <summary>The phone problem of <paramref name="field"/>, or null when <paramref name="value"/> is a phone number.</summary>
    public static Problem? CheckPhone(string? value, string field) =>
        IsPhone(value) ? null : Problem.Of(TextProblems.Phone, field, "The phone number may hold digits, spaces, + and - only (5–20).");

    /// <summary>The e-mail problem of <paramref name="field"/>, or null when <paramref name="value"/> is an address.</summary>
    public static Problem? CheckEmail(string? value, string field) =>
        IsEmail(value) ? null : Problem.Of(TextProblems.Email, field, "The e-mail address is not valid.");

    /// <summary>
    /// The problem with <paramref name="value"/> as the field <paramref name="field"/> (its key, e.g. <c>title</c>, which
    /// pages label from their resources), or null when it is acceptable.
    /// </summary>
    public static Problem? Check(string? value, string field, int max, bool multiline, bool required = true)
    {
        value ??= "";
        if (!HasVisibleText(value))
            return required || value.Length > 0 ? Problem.Of(TextProblems.Required, field, $"The {field} is required and must contain visible text.") : null;
        if (value.Length > max)
            return Problem.Of(TextProblems.TooLong, field, $"The {field} has {value.Length} characters; at most {max} are allowed.", ("length", value.Length), ("max", max));
        foreach (var c in value)
        {
            if (IsDirectionOverride(c))
                return Problem.Of(TextProblems.DirectionControl, field, $"The {field} contains a text-direction control character (U+{(int)c:X4}); remove it.", ("character", $"U+{(int)c:X4}"));
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t') && c != '\t')
                return Problem.Of(TextProblems.ControlCharacter, field, $"The {field} contains a control character (U+{(int)c:X4}).", ("character", $"U+{(int)c:X4}"));
        }
        return null;
    }

    /// <summary>True when the text has at least one letter, digit, punctuation mark or symbol.</summary>
    public static bool HasVisibleText(string value)
    {
        foreach (var c in value)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.SpaceSeparator
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) continue;
            if (char.IsWhiteSpace(c)) continue;
            return true;
        }
        return false;
    }

    /// <summary>Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).</summary>
    public static bool IsDirectionOverride(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
