using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Platforms;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Platform API keys (hashes only) in <c>xf_platform_clients</c>.</summary>
public sealed class EfPlatformClientStore(IDbContextFactory<XfDbContext> factory) : IPlatformClientStore
{
    public async Task AddAsync(PlatformClient client, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.PlatformClients.Add(client);
        await db.SaveChangesAsync(ct);
    }

    public async Task<PlatformClient?> FindByPrefixAsync(string prefix, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.PlatformClients.AsNoTracking().FirstOrDefaultAsync(c => c.Prefix == prefix, ct);
    }

    public async Task<IReadOnlyList<PlatformClient>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.PlatformClients.AsNoTracking().OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
    }

    public async Task<bool> RevokeAsync(Guid id, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.PlatformClients.Where(c => c.Id == id && c.RevokedAt == null).ExecuteUpdateAsync(u => u.SetProperty(c => c.RevokedAt, at), ct) == 1;
    }

    public async Task TouchAsync(Guid id, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.PlatformClients.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.LastUsedAt, at), ct);
    }
}
