namespace XinchuangFlow.Application.Access;

/// <summary>A user as pickers show them.</summary>
public sealed record UserEntry(string UserName, string? DisplayName);
