using XinchuangFlow.Application.Access;

namespace XinchuangFlow.Application.Tasks;

/// <summary>Who asks: their name, roles and case scope (made by the access service only).</summary>
public sealed record InboxAudience(string? User, IReadOnlyCollection<string> Roles, CaseScope Scope, bool Everything);
