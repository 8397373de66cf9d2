using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Benchmarks;

public sealed record HotlineResult(int Units, int Tickets, Percentiles Baseline, Percentiles ByName, Percentiles ByPhone, Percentiles Context);

/// <summary>INT-2: the hotline desk's searches with many units and tickets; the baseline is one unit read by its key.</summary>
public static class HotlineWorkloads
{
    public static async Task<HotlineResult> RunAsync(DatabaseProvider provider, string cs, int units, int ticketsPerUnit)
    {
        using var host = await EngineWorkloads.StartHostAsync(provider, cs, TimeProvider.System, new CommitCounter());
        var services = host.Services;
        var factory = services.GetRequiredService<IDbContextFactory<XfDbContext>>();
        await services.GetRequiredService<DatabaseInitializer>().ImportAsync(CancellationToken.None);
        var counties = GuangxiDivisions.Shipped.Counties;
        string[] kinds = ["财政局", "教育局", "卫生健康委员会", "人民政府办公室", "市场监督管理局", "自然资源局", "公安局", "税务局", "档案馆", "图书馆"];
        var ids = new List<Guid>();
        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < units; start += 1000)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(units, start + 1000); i++)
            {
                var county = counties[i % counties.Count];
                var unit = new ProcurementUnit { Id = Guid.CreateVersion7(), Name = $"{county.Name}{kinds[i % kinds.Length]}第{i}分支", CityCode = county.ParentCode, CountyCode = county.Code };
                ids.Add(unit.Id);
                db.ProcurementUnits.Add(unit);
                for (var k = 0; k < ticketsPerUnit; k++)
                {
                    var at = now.AddMinutes(-(i * ticketsPerUnit + k));
                    db.Tickets.Add(new Ticket
                    {
                        Id = Guid.CreateVersion7(at), Number = $"GX-{county.ParentCode}-{i:000000}-{k:00}", InstanceId = Guid.CreateVersion7(at), CreatedAt = at, UpdatedAt = at,
                        ProcurementUnitId = unit.Id, ProcurementUnit = unit.Name, ContactName = "联系人", ContactPhone = $"0771-{1000000 + i * ticketsPerUnit + k}",
                        CityCode = county.ParentCode, CountyCode = county.Code, ProductCategory = "terminal", Title = "历史工单", Status = k == 0 ? TicketStatus.Accepted : TicketStatus.Closed,
                    });
                }
            }
            await db.SaveChangesAsync();
        }
        var hotline = services.GetRequiredService<HotlineService>();
        var desk = Actor.Of("bench-desk", [Roles.Dispatcher]);
        var random = new Random(7);
        var baseline = await Percentiles.MeasureAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            var id = ids[random.Next(ids.Count)];
            await db.ProcurementUnits.AsNoTracking().FirstAsync(u => u.Id == id);
        });
        var byName = await Percentiles.MeasureAsync(() => hotline.FindUnitsAsync(desk, $"第{random.Next(units)}分支"));
        var byPhone = await Percentiles.MeasureAsync(() => hotline.FindUnitsAsync(desk, $"0771-{1000000 + random.Next(units * ticketsPerUnit)}"));
        var context = await Percentiles.MeasureAsync(() => hotline.ContextAsync(desk, ids[random.Next(ids.Count)]));
        return new HotlineResult(units, units * ticketsPerUnit, baseline, byName, byPhone, context);
    }
}
