namespace XinchuangFlow.Application.Mail;

/// <summary>A file attached to an incoming mail, with the type the mail claims (never trusted).</summary>
public sealed record InboundAttachment(string FileName, string? DeclaredType, byte[] Content);
