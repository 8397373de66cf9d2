using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// Decides whether a signed-in session (a browser cookie, a bearer token, an open Blazor page) still stands. It ends
/// when the account is disabled, when its password changes (by its owner or an administrator's reset: both change the
/// security stamp the session carries), or when it is older than <c>Security:SessionAbsoluteHours</c> (12 h), however
/// active. The account's stamp and state are read at most every <c>Security:SessionCheckSeconds</c> (10 s) per user and
/// node, and at once on the node that made the change, so a session ends on every node within seconds.
/// </summary>
public sealed class SessionGuard(IDbContextFactory<XfDbContext> factory, IOptions<IdentityOptions> identity, TimeProvider clock, IConfiguration config,
    ILogger<SessionGuard> log)
{
    /// <summary>When the session began (a sign-in with the password), carried through every refresh; Unix seconds.</summary>
    public const string AuthTimeClaim = "xf:auth_time";

    private sealed record Account(string? Stamp, bool Disabled, DateTimeOffset ReadAt);

    private readonly ConcurrentDictionary<string, Account> _accounts = new();
    private readonly TimeSpan _recheck = TimeSpan.FromSeconds(config.GetValue("Security:SessionCheckSeconds", 10));

    public TimeSpan Absolute { get; } = TimeSpan.FromHours(config.GetValue("Security:SessionAbsoluteHours", 12.0));

    /// <summary>The claim that starts a session's absolute clock (added at each sign-in with the password).</summary>
    public Claim StartClaim() => new(AuthTimeClaim, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>When the session of <paramref name="user"/> began, or null when it does not say.</summary>
    public static DateTimeOffset? StartedAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(AuthTimeClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    /// <summary>
    /// Whether the session stands. Principals of a person carry the security stamp; a session without one (an API key
    /// platform) is not a person's and is judged by its own scheme.
    /// </summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var id = user.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);
        if (stamp is null || id is null) return true;
        if (StartedAt(user) is not { } started || clock.GetUtcNow() - started > Absolute)
            return Ended(user, "the session is older than its absolute lifetime");
        var now = clock.GetUtcNow();
        if (!_accounts.TryGetValue(id, out var account) || now - account.ReadAt > _recheck)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var row = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.SecurityStamp, u.DisabledAt }).FirstOrDefaultAsync(ct);
            account = new Account(row?.SecurityStamp, row is null || row.DisabledAt is not null, now);
            _accounts[id] = account;
        }
        if (account.Disabled) return Ended(user, "the account is disabled or gone");
        return account.Stamp == stamp || Ended(user, "the password changed or the account was reset");
    }

    /// <summary>Forgets what this node knew of an account, after a change made here (the next request reads it again).</summary>
    public void Forget(string userId) => _accounts.TryRemove(userId, out _);

    private bool Ended(ClaimsPrincipal user, string why)
    {
        log.LogInformation("Session of {User} ended: {Why}", user.Identity?.Name, why);
        return false;
    }
}
