namespace XinchuangFlow.Application.Mail;

/// <summary>Why a mail waits for triage or was refused.</summary>
public static class MailReasons
{
    public static readonly IReadOnlyList<string> All =
        ["unknown-sender", "unverified", "other-unit", "closed-ticket", "invalid", "flood", "flow-ended", "held", "oversized", "unreadable", "no-sender", "automatic"];
}
