using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Rules;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Benchmarks;

public sealed record ReplayResult(int CityTickets, int OtherTickets, int Events, TimeSpan Seed, Percentiles Baseline, Percentiles Compute, Percentiles WhatIf, int Changed);

/// <summary>
/// BEY-1: a what-if replay of a city's quarter. <c>tickets</c> Liuzhou tickets of the last quarter, each with the clock
/// events the flow writes (start, sometimes pause/resume, stop for the three clocks), as many tickets in Nanning in the
/// same period, measured end to end through <see cref="RuleService.WhatIfAsync"/>; the baseline is reading the same
/// rows with EF Core and doing nothing with them.
/// </summary>
public static class ReplayWorkloads
{
    public static async Task<ReplayResult> RunAsync(DatabaseProvider provider, string cs, int tickets)
    {
        using var host = await EngineWorkloads.StartHostAsync(provider, cs, TimeProvider.System, new CommitCounter());
        var services = host.Services;
        var factory = services.GetRequiredService<IDbContextFactory<XfDbContext>>();
        await services.GetRequiredService<DatabaseInitializer>().ImportAsync(CancellationToken.None);
        var (from, to) = RuleReplay.LastQuarter(DateTimeOffset.UtcNow);
        (from, to) = (from.ToUniversalTime(), to.ToUniversalTime());   // the seed writes rows directly; PostgreSQL takes UTC
        var seed = Stopwatch.StartNew();
        var events = await SeedAsync(factory, "4502", tickets, from, to, 1) + await SeedAsync(factory, "4501", tickets, from, to, 2);
        seed.Stop();

        var rules = services.GetRequiredService<RuleService>();
        var source = services.GetRequiredService<IReplaySource>();
        var coordinator = Actor.Of("bench-liuzhou", [Roles.MunicipalCoordinator], cityCode: "4502");
        const string proposal = """{ "onSite": { "sameCity": "PT2H" } }""";
        var baseline = await Percentiles.MeasureAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            var period = db.Tickets.AsNoTracking().Where(t => t.CityCode == "4502" && t.CreatedAt >= from && t.CreatedAt < to);
            await period.ToListAsync();
            await (from e in db.CaseEvents.AsNoTracking() join t in period on e.CaseId equals t.Id where e.Kind.StartsWith("clock-") select e).ToListAsync();
        }, 8);
        var loaded = await source.TicketsAsync("4502", from, to, RuleService.MaxReplayTickets);
        var sla = SlaRules.Parse((await rules.EditorAsync(coordinator, RuleKinds.Sla, "4502")).EffectiveJson);
        var proposed = SlaRules.Parse(RuleOverrides.Merge((await rules.EditorAsync(coordinator, RuleKinds.Sla, "4502")).EffectiveJson, proposal));
        var escalation = EscalationRules.Parse((await rules.EditorAsync(coordinator, RuleKinds.Escalation, "4502")).EffectiveJson);
        var grading = Domain.Grading.GradingTable.Parse((await rules.EditorAsync(coordinator, RuleKinds.Grading, "4502")).EffectiveJson);
        var compute = await Percentiles.MeasureAsync(() =>
        {
            RuleReplay.Compare(loaded, _ => (new ReplayRules(sla, escalation, grading), new ReplayRules(proposed, escalation, grading)), GuangxiDivisions.Shipped, DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        }, 8);
        WhatIfResult? last = null;
        var whatIf = await Percentiles.MeasureAsync(async () => last = await rules.WhatIfAsync(coordinator, RuleKinds.Sla, "4502", proposal, from, to), 8);
        if (last!.Comparison.Tickets != tickets) throw new InvalidOperationException($"replayed {last.Comparison.Tickets} tickets, seeded {tickets}");
        return new ReplayResult(tickets, tickets, events, seed.Elapsed, baseline, compute, whatIf, last.Comparison.ChangedTotal);
    }

    /// <summary>Closed tickets spread over the period, with the clock events <c>CaseSession.ClockEvent</c> writes.</summary>
    private static async Task<int> SeedAsync(IDbContextFactory<XfDbContext> factory, string city, int n, DateTimeOffset from, DateTimeOffset to, int salt)
    {
        var counties = GuangxiDivisions.Shipped.CountiesOf(city);
        var random = new Random(4502 + salt);
        Grade[] grades = [Grade.P1, Grade.P2, Grade.P3, Grade.P3, Grade.P4, Grade.P4];
        string[] titles = ["终端无法开机", "打印机无法打印", "办公软件无法保存", "网络时断时续", "中间件服务异常", "数据库连接超时"];
        var step = (to - from).Ticks / n;
        var events = 0;
        for (var start = 0; start < n; start += 2_000)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(n, start + 2_000); i++)
            {
                var created = from.AddTicks(step * i + random.Next(0, 600) * TimeSpan.TicksPerSecond);
                var county = counties[random.Next(counties.Count)];
                var grade = grades[random.Next(grades.Length)];
                var ticket = new Ticket
                {
                    Id = Guid.CreateVersion7(created), Number = $"GX-{city}-{created:yyyyMMdd}-{salt}{i:000000}", InstanceId = Guid.CreateVersion7(created),
                    CreatedAt = created, UpdatedAt = created, CreatedBy = "bench-unit", ProcurementUnit = $"{county.Name}财政局", ContactName = "联系人",
                    CityCode = city, CountyCode = county.Code, ServicePointCounty = county.Code, ProductCategory = "terminal",
                    Title = titles[random.Next(titles.Length)], Description = "历史工单", Impact = "single", Grade = grade, Status = TicketStatus.Closed,
                };
                db.Tickets.Add(ticket);
                void Clock(string clock, string action, DateTimeOffset at, TimeSpan target)
                {
                    db.CaseEvents.Add(new CaseEvent
                    {
                        CaseId = ticket.Id, CaseKind = "ticket", At = at, Kind = "clock-" + action, FromStatus = ticket.Status.Code, ToStatus = ticket.Status.Code,
                        Data = new JsonObject { ["clock"] = clock, ["target"] = target.ToString(), ["targetReason"] = $"{grade} {clock} target (rules of {city})" }.ToJsonString(),
                    });
                    events++;
                }
                var accepted = created.AddMinutes(random.Next(2, 90));
                Clock("response", "start", created, TimeSpan.FromHours(1));
                Clock("response", "stop", accepted, TimeSpan.FromHours(1));
                Clock("onsite", "start", accepted, TimeSpan.FromHours(4));
                var arrived = accepted.AddMinutes(random.Next(20, 330));
                if (random.Next(5) == 0)
                {
                    Clock("onsite", "pause", accepted.AddMinutes(10), TimeSpan.FromHours(4));
                    Clock("onsite", "resume", accepted.AddMinutes(40), TimeSpan.FromHours(4));
                    arrived = arrived.AddMinutes(30);
                }
                Clock("onsite", "stop", arrived, TimeSpan.FromHours(4));
                Clock("resolution", "start", created, TimeSpan.FromHours(24));
                Clock("resolution", "stop", arrived.AddMinutes(random.Next(30, 1500)), TimeSpan.FromHours(24));
            }
            await db.SaveChangesAsync();
        }
        return events;
    }
}
