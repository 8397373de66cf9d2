using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Access;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Users from the Identity tables, searched by login or display name.</summary>
public sealed class EfUserDirectory(IDbContextFactory<XfDbContext> factory) : IUserDirectory
{
    public async Task<IReadOnlyList<UserEntry>> SearchAsync(string? text, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
            q = q.Where(u => (u.UserName != null && u.UserName.Contains(text)) || (u.DisplayName != null && u.DisplayName.Contains(text)));
        return await q.OrderBy(u => u.UserName).Take(take).Select(u => new UserEntry(u.UserName!, u.DisplayName)).ToListAsync(ct);
    }
}
