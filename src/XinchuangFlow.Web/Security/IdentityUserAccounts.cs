using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// Accounts in ASP.NET Core Identity's store (the users and roles tables of the platform's database). Each call works in
/// a scope of its own: a Blazor circuit lives for hours, and a user manager kept that long would update rows from a
/// stale copy (and fail on the concurrency stamp once the user changed their own password meanwhile).
/// </summary>
public sealed class IdentityUserAccounts(IServiceScopeFactory scopes, SessionGuard sessions, TimeProvider clock) : IUserAccounts
{
    /// <summary>The moment an administrator's temporary password counts as set: long expired, so it must be changed at once.</summary>
    private static readonly DateTimeOffset Expired = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Whether the account's password is a temporary one the Data Bureau gave (to be changed at the next sign-in).</summary>
    public static bool IsTemporary(AppUser user) => user.PasswordChangedAt == Expired;

    private async Task<T> WithUsersAsync<T>(Func<UserManager<AppUser>, XfDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), scope.ServiceProvider.GetRequiredService<XfDbContext>());
    }

    public Task<IReadOnlyList<UserAccount>> ListAsync(string? text, int take, CancellationToken ct = default) => WithUsersAsync<IReadOnlyList<UserAccount>>(async (_, db) =>
    {
        var q = db.Users.AsNoTracking();
        if (text is not null) q = q.Where(u => u.UserName!.Contains(text) || (u.DisplayName != null && u.DisplayName.Contains(text)));
        var rows = await q.OrderBy(u => u.UserName).Take(take)
            .Select(u => new
            {
                u, Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                Unit = db.ProcurementUnits.Where(p => p.Id == u.ProcurementUnitId).Select(p => p.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        return rows.Select(r => Of(r.u, r.Role) with { UnitName = r.Unit }).ToList();
    });

    public Task<UserAccount?> FindAsync(string userName, CancellationToken ct = default) => WithUsersAsync(async (users, _) =>
        await users.FindByNameAsync(userName) is { } user ? Of(user, (await users.GetRolesAsync(user)).FirstOrDefault()) : null);

    public Task<IReadOnlyList<string>> CreateAsync(NewUserAccount account, string temporaryPassword, CancellationToken ct = default) => WithUsersAsync<IReadOnlyList<string>>(async (users, _) =>
    {
        var user = new AppUser
        {
            UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.DisplayName, CityCode = account.CityCode,
            EnterpriseId = account.EnterpriseId, ProcurementUnitId = account.UnitId, PasswordChangedAt = Expired, LockoutEnabled = false,
        };
        var result = await users.CreateAsync(user, temporaryPassword);
        if (!result.Succeeded) return result.Errors.Select(e => e.Description).ToList();
        var role = await users.AddToRoleAsync(user, account.Role!);
        return role.Succeeded ? [] : role.Errors.Select(e => e.Description).ToList();
    });

    public Task SetDisabledAsync(string userName, bool disabled, CancellationToken ct = default) => WithUsersAsync(async (users, _) =>
    {
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        if ((user.DisabledAt is not null) == disabled) return true;
        user.DisabledAt = disabled ? clock.GetUtcNow() : null;
        // Stored with a new security stamp: every session of the account ends (on this node at once, elsewhere within seconds).
        Check(await users.UpdateSecurityStampAsync(user));
        sessions.Forget(user.Id);
        return true;
    });

    public Task SetTemporaryPasswordAsync(string userName, string temporaryPassword, CancellationToken ct = default) => WithUsersAsync(async (users, _) =>
    {
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        // The password being replaced may not come back as the holder's next one.
        Check(await PasswordHistory.RememberAsync(users, user, user.PasswordHash));
        if (await users.HasPasswordAsync(user)) Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, temporaryPassword));
        user.PasswordChangedAt = Expired;
        // A new password is a new security stamp: the account's sessions end.
        Check(await users.UpdateSecurityStampAsync(user));
        sessions.Forget(user.Id);
        return true;
    });

    /// <summary>Identity answers failures instead of throwing; a failed change must not look like a done one.</summary>
    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new XinchuangFlow.Engine.Runtime.ConcurrencyConflictException(
            "The account was changed at the same time: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static UserAccount Of(AppUser u, string? role) => new(u.UserName!, u.DisplayName, role, u.CityCode, u.EnterpriseId, u.ProcurementUnitId,
        u.DisabledAt is not null, u.PasswordChangedAt);
}
