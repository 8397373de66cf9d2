using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Network;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Liaisons on EF Core (NET-4).</summary>
public sealed class EfLiaisonStore(IDbContextFactory<XfDbContext> factory) : ILiaisonStore
{
    public async Task<IReadOnlyList<Liaison>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Liaisons.AsNoTracking().ToListAsync(ct);
    }

    public async Task<Liaison?> FindAsync(string party, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Liaisons.AsNoTracking().FirstOrDefaultAsync(l => l.Party == party, ct);
    }

    public async Task SaveAsync(Liaison liaison, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Liaisons.FirstOrDefaultAsync(l => l.Party == liaison.Party, ct);
        if (row is null) db.Liaisons.Add(liaison);
        else db.Entry(row).CurrentValues.SetValues(liaison);
        await db.SaveChangesAsync(ct);
    }
}
