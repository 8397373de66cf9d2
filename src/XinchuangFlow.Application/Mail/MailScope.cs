namespace XinchuangFlow.Application.Mail;

/// <summary>Which mailbox records a user may see: all, or those of one integrator.</summary>
public sealed record MailScope(bool All, Guid? Integrator);
