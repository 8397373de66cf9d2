using Microsoft.AspNetCore.Identity;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// Sign-in and password rules the assessment checks (等保 2.0), used by the browser's form and the API alike: failures
/// slowed per account and address (<see cref="LoginThrottle"/>), passwords that expire after
/// <c>Security:PasswordMaxAgeDays</c> (90 by default; 0 turns expiry off) and must then be changed before anything else,
/// and an audit line for each sign-in, failed sign-in and password change, with the client's address.
/// </summary>
public sealed class AccountService(UserManager<AppUser> users, SignInManager<AppUser> signIn, LoginThrottle throttle, IAuditLog audit,
    TimeProvider clock, IConfiguration config, SessionGuard sessions,
    Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions> bearer)
{
    public int MaxAgeDays => config.GetValue("Security:PasswordMaxAgeDays", 90);

    /// <summary>A hash to check unknown accounts' passwords against, so they take as long to refuse as known ones.</summary>
    private static string? _decoy;

    private bool IsExpired(AppUser user) =>
        MaxAgeDays > 0 && user.PasswordChangedAt is { } changed && clock.GetUtcNow() - changed > TimeSpan.FromDays(MaxAgeDays);

    /// <summary>
    /// Signs in with e-mail and password: the browser's form (<paramref name="scheme"/> the cookie) and the API (a bearer
    /// token, written into the response by the sign-in itself). One policy for every account: failures are slowed by the
    /// throttle, nothing is ever locked, and a wrong password, a disabled account and an unknown one get the same answer
    /// (after the same work). A right but expired password must be changed first. Every attempt is audited.
    /// </summary>
    public async Task<(SignInOutcome Outcome, TimeSpan? Wait)> SignInAsync(string email, string password, string address, string scheme, string? channel = null)
    {
        if (throttle.RetryAfter(email, address) is { } wait) return (SignInOutcome.Throttled, wait);
        var user = email.Length is > 0 and <= 256 ? await users.FindByNameAsync(email) : null;
        bool right;
        if (user is null)
        {
            _decoy ??= users.PasswordHasher.HashPassword(new AppUser(), "decoy#" + Guid.NewGuid());
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), _decoy, password);
            right = false;
        }
        else right = await users.CheckPasswordAsync(user, password);
        if (!right || user!.DisabledAt is not null)
        {
            await EndedAsync(email, address, succeeded: false, Comment(channel, right ? AuditNotes.AccountDisabled : null));
            return (SignInOutcome.Invalid, null);
        }
        if (await StampAsync(user))
        {
            throttle.Succeeded(email, address);
            await RecordAsync(email, "sign-in-refused", Comment(channel, IdentityUserAccounts.IsTemporary(user) ? AuditNotes.PasswordTemporary : AuditNotes.PasswordExpired));
            return (SignInOutcome.PasswordExpired, null);
        }
        signIn.AuthenticationScheme = scheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [sessions.StartClaim()]);
        await EndedAsync(email, address, succeeded: true, channel);
        return (SignInOutcome.SignedIn, null);
    }

    private static string? Comment(string? channel, string? why) => (channel, why) switch
    {
        (null, _) => why,
        (_, null) => channel,
        _ => $"{channel}: {why}",
    };

    /// <summary>
    /// A new bearer token for a refresh token, when the session still stands: the refresh token is younger than the idle
    /// limit (it lives as long as the access token), the session younger than its absolute lifetime, the account enabled
    /// and its password unchanged since. The new token keeps the session's start. Null when the session has ended.
    /// </summary>
    public async Task<System.Security.Claims.ClaimsPrincipal?> RefreshAsync(string? refreshToken, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(refreshToken) || refreshToken.Length > 8192) return null;
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires) return null;
        if (!await sessions.IsCurrentAsync(ticket.Principal, ct) || SessionGuard.StartedAt(ticket.Principal) is null) return null;
        if (await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { DisabledAt: null } user) return null;
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(ticket.Principal.FindFirst(SessionGuard.AuthTimeClaim)!);
        return principal;
    }

    private Task EndedAsync(string email, string address, bool succeeded, string? comment)
    {
        if (succeeded) throttle.Succeeded(email, address);
        else throttle.Failed(email, address);
        return RecordAsync(email, succeeded ? "sign-in" : "sign-in-failed", comment);
    }

    /// <summary>Sets a new password for the holder of the current one (an expired password may still be changed).</summary>
    public async Task<(PasswordChangeOutcome Outcome, IReadOnlyList<string> Problems, TimeSpan? Wait)> ChangeAsync(
        string email, string current, string next, string confirm, string address)
    {
        if (throttle.RetryAfter(email, address) is { } wait) return (PasswordChangeOutcome.Throttled, [], wait);
        var user = await users.FindByNameAsync(email);
        if (user is null || user.DisabledAt is not null || !await users.CheckPasswordAsync(user, current))
        {
            throttle.Failed(email, address);
            await RecordAsync(email, "change-password-failed", AuditNotes.WrongCurrentPassword);
            return (PasswordChangeOutcome.Invalid, [], null);
        }
        throttle.Succeeded(email, address);
        if (next != confirm) return (PasswordChangeOutcome.Mismatch, [], null);
        // Neither the current password nor the one before it (after a reset: the password the reset replaced).
        if (next == current || await PasswordHistory.IsPreviousAsync(users, user, next)) return (PasswordChangeOutcome.SameAsBefore, [], null);
        var replaced = user.PasswordHash;
        // Stored with the new password by the same update (a refused password saves nothing).
        user.PasswordChangedAt = clock.GetUtcNow();
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded) return (PasswordChangeOutcome.Weak, result.Errors.Select(e => e.Code).ToList(), null);
        await PasswordHistory.RememberAsync(users, user, replaced);
        // The change gave the account a new security stamp: every other session of it ends (this node at once).
        sessions.Forget(user.Id);
        await RecordAsync(email, "change-password", AuditNotes.SessionsEnded);
        return (PasswordChangeOutcome.Changed, [], null);
    }

    /// <summary>Signs the browser in after a successful change (the new password was just proven).</summary>
    public async Task SignInWithCookieAsync(string email)
    {
        if (await users.FindByNameAsync(email) is { DisabledAt: null } user) await signIn.SignInWithClaimsAsync(user, isPersistent: false, [sessions.StartClaim()]);
    }

    private async Task<bool> StampAsync(AppUser user)
    {
        if (user.PasswordChangedAt is not null) return IsExpired(user);
        user.PasswordChangedAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
        return false;
    }

    private Task RecordAsync(string email, string action, string? comment) => audit.RecordAsync(new AuditEntry
    {
        Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = email.Length > 256 ? email[..256] : email, EntityKind = "user",
        EntityId = email.Length > 100 ? email[..100] : email, Action = action, Comment = comment,
    });
}
