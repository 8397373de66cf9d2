using Microsoft.AspNetCore.Identity;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// The one password an account had before its current one, kept as its hash in Identity's token store (no column of its
/// own): a new password may be neither the current one nor that one, so a reset or a forced change cannot be answered
/// with the password it was meant to replace. Written when a password is replaced (a change, an administrator's reset).
/// </summary>
public static class PasswordHistory
{
    private const string Provider = "XinchuangFlow", Name = "PreviousPasswordHash";

    /// <summary>Remembers a replaced password's hash (the account's <c>PasswordHash</c> read before the change) as the previous one; saved with the user.</summary>
    public static Task<IdentityResult> RememberAsync(UserManager<AppUser> users, AppUser user, string? replacedHash) =>
        replacedHash is { Length: > 0 } ? users.SetAuthenticationTokenAsync(user, Provider, Name, replacedHash) : Task.FromResult(IdentityResult.Success);

    /// <summary>Whether <paramref name="password"/> is the one the account had before its current password.</summary>
    public static async Task<bool> IsPreviousAsync(UserManager<AppUser> users, AppUser user, string password) =>
        await users.GetAuthenticationTokenAsync(user, Provider, Name) is { Length: > 0 } hash
        && users.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;
}
