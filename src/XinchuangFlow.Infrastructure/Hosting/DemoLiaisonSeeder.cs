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
    private static readonly string[] Surnames = ["黄", "韦", "覃", "李", "陆", "蒙", "梁", "莫", "农", "蓝", "陈", "杨", "卢", "廖", "苏", "潘"];
    private static readonly string[] Given =
    [
        "志明", "丽萍", "海涛", "春燕", "建华", "晓玲", "国栋", "小红", "永胜", "秀英", "振宇", "美玲", "德华", "雪梅", "文杰",
        "桂兰", "俊峰", "慧敏", "家豪", "玉凤", "启航", "婉婷", "立新",
    ];

    /// <summary>
    /// The <paramref name="n"/>th demo person: surname and given name stepping together (16 and 23 share no factor), so
    /// the first 368 are all different — every liaison and deputy of the demo is someone else.
    /// </summary>
    internal static string Person(int n) => Surnames[n % Surnames.Length] + Given[n % Given.Length];

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
                Party = parties[i], Name = Person(2 * i), Phone = $"0771-55{i:00}{(i * 37) % 100:00}1",
                DeputyName = Person(2 * i + 1), DeputyPhone = $"1387710{i:00}{(i * 53) % 100:00}",
                UpdatedAt = now, UpdatedBy = "seed",
            });
        await db.SaveChangesAsync(ct);
        return parties.Count;
    }
}
