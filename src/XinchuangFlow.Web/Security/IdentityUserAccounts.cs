using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Security;

/// <summary>Accounts in ASP.NET Core Identity's store (the users and roles tables of the platform's database).</summary>
public sealed class IdentityUserAccounts(UserManager<AppUser> users, XfDbContext db) : IUserAccounts
{
    /// <summary>The moment an administrator's temporary password counts as set: long expired, so it must be changed at once.</summary>
    private static readonly DateTimeOffset Expired = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<UserAccount>> ListAsync(string? text, int take, CancellationToken ct = default)
    {
        var q = db.Users.AsNoTracking();
        if (text is not null) q = q.Where(u => u.UserName!.Contains(text) || (u.DisplayName != null && u.DisplayName.Contains(text)));
        var rows = await q.OrderBy(u => u.UserName).Take(take)
            .Select(u => new
            {
                u, Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        return rows.Select(r => Of(r.u, r.Role)).ToList();
    }

    public async Task<UserAccount?> FindAsync(string userName, CancellationToken ct = default)
    {
        var user = await users.FindByNameAsync(userName);
        return user is null ? null : Of(user, (await users.GetRolesAsync(user)).FirstOrDefault());
    }

    public async Task<IReadOnlyList<string>> CreateAsync(NewUserAccount account, string temporaryPassword, CancellationToken ct = default)
    {
        var user = new AppUser
        {
            UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.DisplayName, CityCode = account.CityCode,
            EnterpriseId = account.EnterpriseId, ProcurementUnitId = account.UnitId, PasswordChangedAt = Expired, LockoutEnabled = true,
        };
        var result = await users.CreateAsync(user, temporaryPassword);
        if (!result.Succeeded) return result.Errors.Select(e => e.Description).ToList();
        var role = await users.AddToRoleAsync(user, account.Role!);
        return role.Succeeded ? [] : role.Errors.Select(e => e.Description).ToList();
    }

    public async Task SetDisabledAsync(string userName, bool disabled, CancellationToken ct = default)
    {
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null);
        // Signed-in sessions end: the security stamp the cookie carries changes.
        await users.UpdateSecurityStampAsync(user);
    }

    public async Task SetTemporaryPasswordAsync(string userName, string temporaryPassword, CancellationToken ct = default)
    {
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
        var result = await users.AddPasswordAsync(user, temporaryPassword);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        user.PasswordChangedAt = Expired;
        await users.UpdateAsync(user);
    }

    private static UserAccount Of(AppUser u, string? role) => new(u.UserName!, u.DisplayName, role, u.CityCode, u.EnterpriseId, u.ProcurementUnitId,
        u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow, u.PasswordChangedAt);
}
