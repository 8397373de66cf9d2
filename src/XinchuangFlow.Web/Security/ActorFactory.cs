using System.Security.Claims;
using XinchuangFlow.Application.Access;

namespace XinchuangFlow.Web.Security;

/// <summary>Turns the authenticated principal (cookie or bearer token) into the application's <see cref="Actor"/>.</summary>
public static class ActorFactory
{
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Actor.Anonymous;
        return Actor.Of(user.Identity.Name, Roles.All.Append(Roles.EnterprisePlatform).Where(user.IsInRole), user.EnterpriseId(),
            user.FindFirstValue(ScopeClaims.City), Guid.TryParse(user.FindFirstValue(ScopeClaims.Unit), out var u) ? u : null);
    }
}
