using System.Security.Claims;

namespace XinchuangFlow.Web.Security;

/// <summary>Scope claims (SEC-2): which enterprise, city or procurement unit a user belongs to.</summary>
public static class ScopeClaims
{
    public const string Enterprise = "xf:enterprise";
    public const string City = "xf:city";
    public const string Unit = "xf:unit";

    public static Guid? EnterpriseId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Enterprise), out var id) ? id : null;
}
