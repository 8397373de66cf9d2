using Microsoft.AspNetCore.Authorization;
using XinchuangFlow.Application.Access;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// Page-level gates, decided by the one <see cref="AccessService"/> (pages and the navigation name a policy, never
/// a list of roles): a rule changes in the access service and every page follows.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Operators of instances: the Data Bureau's administrators.</summary>
    public const string WorkflowAdmin = "WorkflowAdmin";
    /// <summary>Readers of definitions (designer read-only, history, heat map): administrators and supervisors.</summary>
    public const string DefinitionReaders = "DefinitionReaders";

    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder builder, params string[] schemes) => builder
        .AddPolicy(WorkflowAdmin, p => p.AddAuthenticationSchemes(schemes).AddRequirements(new AccessRequirement((access, actor) => access.IsWorkflowAdmin(actor))))
        .AddPolicy(DefinitionReaders, p => p.AddAuthenticationSchemes(schemes).AddRequirements(new AccessRequirement((access, actor) => access.MayReadDefinitions(actor))));
}

/// <summary>A rule of the access service, as an authorization requirement.</summary>
public sealed record AccessRequirement(Func<AccessService, Actor, bool> Rule) : IAuthorizationRequirement;

public sealed class AccessRequirementHandler(AccessService access) : AuthorizationHandler<AccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        if (requirement.Rule(access, context.User.ToActor())) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
