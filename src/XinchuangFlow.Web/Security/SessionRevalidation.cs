using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// An open Blazor page keeps the user it was opened with for as long as the circuit lives; this checks the session
/// every <c>Security:CircuitCheckSeconds</c> (30 s) and signs the page out when it ended.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory logs, SessionGuard guard, IConfiguration config) : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval { get; } = TimeSpan.FromSeconds(config.GetValue("Security:CircuitCheckSeconds", 30));

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) => guard.IsCurrentAsync(state.User, ct);
}
