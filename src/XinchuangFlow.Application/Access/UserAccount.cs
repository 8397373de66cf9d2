namespace XinchuangFlow.Application.Access;

/// <summary>An account as the Data Bureau's administrators manage it.</summary>
public sealed record UserAccount(string UserName, string? DisplayName, string? Role, string? CityCode, Guid? EnterpriseId, Guid? UnitId,
    bool Disabled, DateTimeOffset? PasswordChangedAt, string? UnitName = null);
