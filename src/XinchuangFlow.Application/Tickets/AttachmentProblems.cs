namespace XinchuangFlow.Application.Tickets;

/// <summary>Problem codes of a ticket's files (<see cref="AttachmentService"/>); every one is on the field file.</summary>
[ProblemCodes]
public static class AttachmentProblems
{
    /// <summary>Arguments: field, max (megabytes).</summary>
    public const string TooLarge = "file-too-large";
    /// <summary>Arguments: field.</summary>
    public const string Empty = "file-empty";
    /// <summary>Arguments: field.</summary>
    public const string TypeRefused = "file-type-refused";
    /// <summary>Arguments: field, type (the content's), extension (the name's), expected (the extensions that fit).</summary>
    public const string ExtensionMismatch = "file-extension-mismatch";
    /// <summary>Arguments: field, max (files per ticket).</summary>
    public const string TooMany = "file-too-many";
    /// <summary>Arguments: field.</summary>
    public const string NameMissing = "file-name-missing";
    /// <summary>Arguments: field, max (characters).</summary>
    public const string NameTooLong = "file-name-too-long";
    /// <summary>Arguments: field.</summary>
    public const string NamePath = "file-name-path";
    /// <summary>Arguments: number, status (a closed ticket takes no more files).</summary>
    public const string TicketClosed = "file-ticket-closed";
}
