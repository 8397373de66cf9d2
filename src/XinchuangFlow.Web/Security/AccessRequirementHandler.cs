using Microsoft.AspNetCore.Authorization;
using XinchuangFlow.Application.Access;

namespace XinchuangFlow.Web.Security;

public sealed class AccessRequirementHandler(AccessService access) : AuthorizationHandler<AccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        if (requirement.Rule(access, context.User.ToActor())) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
