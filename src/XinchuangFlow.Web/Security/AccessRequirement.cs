using Microsoft.AspNetCore.Authorization;
using XinchuangFlow.Application.Access;

namespace XinchuangFlow.Web.Security;

/// <summary>A rule of the access service, as an authorization requirement.</summary>
public sealed record AccessRequirement(Func<AccessService, Actor, bool> Rule) : IAuthorizationRequirement;
