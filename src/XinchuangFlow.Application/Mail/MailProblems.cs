namespace XinchuangFlow.Application.Mail;

/// <summary>Problem codes of the service mailbox (<see cref="MailboxService"/>).</summary>
[ProblemCodes]
public static class MailProblems
{
    /// <summary>Arguments: field (unitId).</summary>
    public const string UnitRequired = "mail-unit-required";
    /// <summary>Arguments: field (unitId): neither the mail nor the unit gives a way to answer.</summary>
    public const string NoContact = "mail-no-contact";
    /// <summary>Arguments: number (the ticket filed meanwhile).</summary>
    public const string FiledMeanwhile = "mail-filed-meanwhile";
    /// <summary>No arguments.</summary>
    public const string HandledMeanwhile = "mail-handled-meanwhile";
    /// <summary>Arguments: outcome (the mail's).</summary>
    public const string NotInTriage = "mail-not-in-triage";
}
