using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// Whether a user may open a page, decided from the page's own <c>[Authorize]</c> attributes the way the router
/// decides it (the same policy provider and authorization service): what links to a page can never disagree with it.
/// </summary>
public sealed class PageAccess(IAuthorizationPolicyProvider policies, IAuthorizationService authorization)
{
    public async Task<bool> MayOpenAsync(ClaimsPrincipal user, Type page)
    {
        if (page.IsDefined(typeof(AllowAnonymousAttribute), inherit: true)) return true;
        var policy = await AuthorizationPolicy.CombineAsync(policies, page.GetCustomAttributes(inherit: true).OfType<IAuthorizeData>());
        return policy is null || (await authorization.AuthorizeAsync(user, resource: null, policy)).Succeeded;
    }
}
