using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Hosting;

/// <summary>
/// Demo liaisons (NET-4), the same on every machine: the Data Bureau, the Intranet Office, each city's coordinator and
/// each enterprise with a named liaison and deputy. Runs only while no liaison is named.
/// </summary>
public sealed class DemoLiaisonSeeder(IDbContextFactory<XfDbContext> factory, GuangxiDivisions divisions, TimeProvider clock)
{
    private static readonly string[] People = ["黄志明", "韦丽萍", "覃海涛", "李春燕", "陆建华", "蒙晓玲", "梁国栋", "莫小红", "农永胜", "蓝秀英"];

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Liaisons.AnyAsync(ct)) return 0;
        var now = clock.GetUtcNow();
        var parties = new List<string> { LiaisonParty.DataBureau, LiaisonParty.IntranetOffice };
        parties.AddRange(divisions.Cities.Select(c => new LiaisonParty(LiaisonParty.City, CityCode: c.Code).Key));
        parties.AddRange((await db.Enterprises.AsNoTracking().ToListAsync(ct)).OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new LiaisonParty(LiaisonParty.Enterprise, EnterpriseId: e.Id).Key));
        for (var i = 0; i < parties.Count; i++)
            db.Liaisons.Add(new Liaison
            {
                Party = parties[i], Name = People[i % People.Length], Phone = $"0771-55{i:00}{(i * 37) % 100:00}1",
                DeputyName = People[(i + 3) % People.Length], DeputyPhone = $"1387710{i:00}{(i * 53) % 100:00}",
                UpdatedAt = now, UpdatedBy = "seed",
            });
        await db.SaveChangesAsync(ct);
        return parties.Count;
    }
}
