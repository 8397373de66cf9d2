namespace XinchuangFlow.Application.Access;

/// <summary>What an administrator fills in to open an account.</summary>
public sealed record NewUserAccount(string? Email, string? DisplayName, string? Role, string? CityCode = null, Guid? EnterpriseId = null, Guid? UnitId = null);
