namespace XinchuangFlow.Infrastructure.Mail;

/// <summary>What one round of the mailbox did.</summary>
public sealed record MailRound(int Seen, int Handled, int Failed, int Left);
