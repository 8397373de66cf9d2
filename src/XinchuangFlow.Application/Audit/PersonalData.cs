namespace XinchuangFlow.Application.Audit;

/// <summary>
/// Personal data the platform keeps encrypted at rest (a contact's name and phone) as the audit trail keeps it. The trail
/// is append-only and never re-encrypted, so it never holds them in clear: a phone keeps its last four digits
/// (<c>*******1234</c>, as a user's own contact settings are audited), a name its first character (<c>张**</c>); a change
/// the masks hide (another number with the same last four digits) is named in the state after, under <see cref="ChangedKey"/>.
/// </summary>
public static class PersonalData
{
    /// <summary>The key of the state after that lists the masked fields whose values changed.</summary>
    public const string ChangedKey = "changed";

    public static string? MaskPhone(string? phone) =>
        string.IsNullOrEmpty(phone) ? phone : phone.Length <= 4 ? "****" : new string('*', phone.Length - 4) + phone[^4..];

    public static string? MaskName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return name;
        var first = System.Globalization.StringInfo.GetNextTextElementLength(name);
        var rest = new System.Globalization.StringInfo(name[first..]).LengthInTextElements;
        // A name of one character keeps none of it.
        return rest == 0 ? "*" : name[..first] + new string('*', rest);
    }

    /// <summary>The masked fields whose values differ between before and after (null before: nothing yet), in the order given.</summary>
    public static string[] Changed(params (string Field, string? Before, string? After)[] fields) =>
        fields.Where(f => !string.Equals(f.Before ?? "", f.After ?? "", StringComparison.Ordinal)).Select(f => f.Field).ToArray();
}
