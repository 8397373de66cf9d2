using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Platforms;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// Other platforms authenticate with an API key in the <c>X-Api-Key</c> header (INT-4): a valid key signs the request
/// in as the platform's service account (role Dispatcher: records requests for units and follows them, like the hotline
/// desk; role EnterprisePlatform with the enterprise's scope for a key issued to an enterprise's own platform, DAT-2);
/// a revoked or unknown key fails. Requests without the header are left to the other schemes.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PlatformKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string PlatformClaim = "xf:platform";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0) return AuthenticateResult.NoResult();
        var client = await keys.AuthenticateAsync(values[0], Context.RequestAborted);
        if (client is null)
        {
            Logger.LogWarning("Refused an API key with prefix {Prefix} from {Address}", values[0]?.Length > 12 ? values[0]![4..12] : "?", Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        // An enterprise's own platform reports that enterprise's service data and nothing else; another platform records
        // requests for units, as the hotline desk does.
        Claim[] scope = client.EnterpriseId is { } enterprise
            ? [new Claim(ClaimTypes.Role, Roles.EnterprisePlatform), new Claim(ScopeClaims.Enterprise, enterprise.ToString())]
            : [new Claim(ClaimTypes.Role, Roles.Dispatcher)];
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, PlatformKeyService.UserNameOf(client)), new Claim(PlatformClaim, client.Name), .. scope], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>Only a request that presented a key is answered by this scheme (401); people are sent to sign in by the others.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Request.Headers.ContainsKey(Header) ? base.HandleChallengeAsync(properties) : Task.CompletedTask;

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Request.Headers.ContainsKey(Header) ? base.HandleForbiddenAsync(properties) : Task.CompletedTask;
}
