namespace XinchuangFlow.Application.Access;

/// <summary>
/// The signed-in user as the application sees them: name, roles and the tenant they belong to (enterprise, city,
/// procurement unit). Built once per request or circuit from the authentication ticket; no service reads claims.
/// </summary>
public sealed record Actor(string? UserName, IReadOnlySet<string> Roles, Guid? EnterpriseId = null, string? CityCode = null, Guid? UnitId = null)
{
    /// <summary>Nobody signed in.</summary>
    public static readonly Actor Anonymous = new(null, new HashSet<string>());

    public bool IsAuthenticated => UserName is not null;
    public bool IsInRole(string role) => Roles.Contains(role);
    public bool IsAny(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>Builds an actor from a user's name, roles and scope values.</summary>
    public static Actor Of(string? userName, IEnumerable<string> roles, Guid? enterpriseId = null, string? cityCode = null, Guid? unitId = null) =>
        new(userName, new HashSet<string>(roles, StringComparer.Ordinal), enterpriseId, cityCode, unitId);

    public override string ToString() => $"{UserName ?? "anonymous"} [{string.Join(",", Roles)}]";
}
