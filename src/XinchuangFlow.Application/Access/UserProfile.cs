namespace XinchuangFlow.Application.Access;

/// <summary>A user with their roles and tenant: enough to decide what they could do.</summary>
public sealed record UserProfile(string UserName, string? DisplayName, IReadOnlyList<string> Roles, Guid? EnterpriseId, string? CityCode, Guid? UnitId)
{
    public Actor ToActor() => Actor.Of(UserName, Roles, EnterpriseId, CityCode, UnitId);
}
