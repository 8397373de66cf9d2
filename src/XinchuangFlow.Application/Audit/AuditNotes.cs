namespace XinchuangFlow.Application.Audit;

/// <summary>
/// What the platform itself says in an audit line's comment, as codes the audit page turns into the reader's language
/// (<c>AuditNote.&lt;code&gt;</c>); a comment people typed is stored and shown as they typed it. A channel may precede
/// the code ("API: password-expired").
/// </summary>
public static class AuditNotes
{
    public const string AccountDisabled = "account-disabled";
    public const string PasswordExpired = "password-expired";
    public const string PasswordTemporary = "password-temporary";
    public const string WrongCurrentPassword = "wrong-current-password";
    public const string SessionsEnded = "sessions-ended";
    public const string TemporaryPasswordGiven = "temporary-password-given";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        { AccountDisabled, PasswordExpired, PasswordTemporary, WrongCurrentPassword, SessionsEnded, TemporaryPasswordGiven };
}
