namespace XinchuangFlow.Application.Notifications;

/// <summary>How to reach a user, and what they want to receive besides the inbox.</summary>
public sealed record UserContact(string UserName, string? Email, string? Phone, bool ByEmail, bool BySms, Guid? EnterpriseId, string? Language = null);
