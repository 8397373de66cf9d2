using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Security;

/// <summary>Adds the scope claims to the cookie and the bearer token at sign-in.</summary>
public sealed class XfClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.EnterpriseId is { } e) identity.AddClaim(new Claim(ScopeClaims.Enterprise, e.ToString()));
        if (user.CityCode is { Length: > 0 } c) identity.AddClaim(new Claim(ScopeClaims.City, c));
        if (user.ProcurementUnitId is { } u) identity.AddClaim(new Claim(ScopeClaims.Unit, u.ToString()));
        if (user.DisplayName is { Length: > 0 } n) identity.AddClaim(new Claim("name_display", n));
        return identity;
    }
}
