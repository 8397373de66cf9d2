using Microsoft.AspNetCore.Identity;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Security;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome { SignedIn, Invalid, Throttled, PasswordExpired }

/// <summary>How a password change ended.</summary>
public enum PasswordChangeOutcome { Changed, Invalid, Throttled, Mismatch, SameAsBefore, Weak }

/// <summary>
/// Sign-in and password rules the assessment checks (等保 2.0), used by the browser's form and the API alike: failures
/// slowed per account and address (<see cref="LoginThrottle"/>), passwords that expire after
/// <c>Security:PasswordMaxAgeDays</c> (90 by default; 0 turns expiry off) and must then be changed before anything else,
/// and an audit line for each sign-in, failed sign-in and password change, with the client's address.
/// </summary>
public sealed class AccountService(UserManager<AppUser> users, SignInManager<AppUser> signIn, LoginThrottle throttle, IAuditLog audit,
    TimeProvider clock, IConfiguration config)
{
    public int MaxAgeDays => config.GetValue("Security:PasswordMaxAgeDays", 90);

    private bool IsExpired(AppUser user) =>
        MaxAgeDays > 0 && user.PasswordChangedAt is { } changed && clock.GetUtcNow() - changed > TimeSpan.FromDays(MaxAgeDays);

    /// <summary>The browser's sign-in: checks the password and, when it is current, signs the browser in with a cookie.</summary>
    public async Task<(SignInOutcome Outcome, TimeSpan? Wait)> SignInAsync(string email, string password, string address)
    {
        if (throttle.RetryAfter(email, address) is { } wait) return (SignInOutcome.Throttled, wait);
        var user = await users.FindByNameAsync(email);
        var checkedPassword = user is null ? SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (!checkedPassword.Succeeded)
        {
            await EndedAsync(email, address, succeeded: false, null);
            return (SignInOutcome.Invalid, null);
        }
        if (await StampAsync(user!))
        {
            throttle.Succeeded(email, address);
            await RecordAsync(email, "sign-in-refused", $"the password is older than {MaxAgeDays} days and must be changed");
            return (SignInOutcome.PasswordExpired, null);
        }
        await signIn.SignInAsync(user!, isPersistent: false);
        await EndedAsync(email, address, succeeded: true, null);
        return (SignInOutcome.SignedIn, null);
    }

    /// <summary>
    /// Before Identity's own API login (which writes the token while signing in): a refusal when the account is throttled,
    /// or when its password is right but expired (audited); null lets the login go on. Starts the clock of an account
    /// that never had one.
    /// </summary>
    public async Task<(SignInOutcome Outcome, TimeSpan? Wait)?> BeforeApiSignInAsync(string email, string password, string address)
    {
        if (throttle.RetryAfter(email, address) is { } wait) return (SignInOutcome.Throttled, wait);
        if (await users.FindByNameAsync(email) is not { } user || await users.IsLockedOutAsync(user) || !await StampAsync(user)
            || !await users.CheckPasswordAsync(user, password)) return null;
        await RecordAsync(email, "sign-in-refused", $"API: the password is older than {MaxAgeDays} days and must be changed");
        return (SignInOutcome.PasswordExpired, null);
    }

    /// <summary>After Identity's own API login answered: the throttle and the audit trail learn how it went.</summary>
    public Task AfterApiSignInAsync(string email, string address, bool succeeded) => EndedAsync(email, address, succeeded, "API");

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
        if (user is null || await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, current))
        {
            throttle.Failed(email, address);
            await RecordAsync(email, "change-password-failed", "wrong current password");
            return (PasswordChangeOutcome.Invalid, [], null);
        }
        throttle.Succeeded(email, address);
        if (next != confirm) return (PasswordChangeOutcome.Mismatch, [], null);
        if (next == current) return (PasswordChangeOutcome.SameAsBefore, [], null);
        // Stored with the new password by the same update (a refused password saves nothing).
        user.PasswordChangedAt = clock.GetUtcNow();
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded) return (PasswordChangeOutcome.Weak, result.Errors.Select(e => e.Code).ToList(), null);
        await RecordAsync(email, "change-password", null);
        return (PasswordChangeOutcome.Changed, [], null);
    }

    /// <summary>Signs the browser in after a successful change (the new password was just proven).</summary>
    public async Task SignInWithCookieAsync(string email)
    {
        if (await users.FindByNameAsync(email) is { } user) await signIn.SignInAsync(user, isPersistent: false);
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
