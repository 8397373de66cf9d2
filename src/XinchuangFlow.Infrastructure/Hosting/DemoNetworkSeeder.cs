using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Hosting;

/// <summary>
/// A believable demo network, the same on every machine (fixed random seed): integrators covering most but not all
/// counties, one suspended integrator, product vendors, technicians at every point with certificates — some of them
/// expired. Runs only on an empty network.
/// </summary>
public sealed class DemoNetworkSeeder(IDbContextFactory<XfDbContext> factory, TimeProvider clock)
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "韦", "覃", "蒙", "莫", "梁", "农", "陆", "蓝"];
    private static readonly string[] Given = ["伟", "芳", "强", "敏", "磊", "静", "勇", "婷", "杰", "娟", "涛", "琳", "斌", "燕", "波", "霞"];

    /// <summary>
    /// A county no active integrator serves in the demo (NET-3's coverage map has a red county to show): 西林县, in the far
    /// west of 百色市. Only the suspended integrator may keep a point there.
    /// </summary>
    public const string UncoveredCounty = "451030";

    /// <summary>Seeds when the network is empty; returns how many technicians were created.</summary>
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Enterprises.AnyAsync(ct)) return 0;
        var random = new Random(20240904);   // the plan's date: the same demo everywhere
        var divisions = GuangxiDivisions.Shipped;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var categories = ProductCategories.Names.Keys.ToArray();

        var integrators = new (string Name, ShortlistStatus Status, double Coverage)[]
        {
            ("广西桂信科技集成有限公司", ShortlistStatus.Active, 0.92),
            ("南宁八桂数智服务有限公司", ShortlistStatus.Active, 0.75),
            ("柳州信创系统集成有限公司", ShortlistStatus.Active, 0.55),
            ("北部湾云链信息技术有限公司", ShortlistStatus.Suspended, 0.40),
        };
        var vendors = new[] { "统信终端设备厂商（演示）", "麒麟软件服务中心（演示）", "达梦数据库华南服务部（演示）" };
        var technicianNo = 0;
        var certificateNo = 0;
        foreach (var (name, status, coverage) in integrators)
        {
            var enterprise = new Enterprise(Guid.CreateVersion7(), name, EnterpriseKind.Integrator, status);
            db.Enterprises.Add(enterprise);
            if (status == ShortlistStatus.Suspended) db.ShortlistDecisions.Add(Suspension(enterprise));
            foreach (var county in divisions.Counties)
            {
                // Every city seat is covered; other counties by the enterprise's coverage share.
                var isSeat = divisions.CountiesOf(county.ParentCode)[0].Code == county.Code;
                if (!isSeat && random.NextDouble() > coverage) continue;
                var kind = random.NextDouble() switch { < 0.6 => ServicePointKind.OwnOutlet, < 0.85 => ServicePointKind.SharedResource, _ => ServicePointKind.OutsourcedRepair };
                var point = new ServicePoint(Guid.CreateVersion7(), enterprise.Id, $"{county.Name}服务网点", kind, county.Code)
                {
                    Address = $"{county.Name}民族大道{technicianNo % 300 + 1}号", OpeningHours = "周一至周五 8:30–17:30", Phone = $"0771-{5300000 + technicianNo:0000000}",
                };
                db.ServicePoints.Add(point);
                var staff = isSeat ? 3 : 1 + random.Next(2);
                for (var i = 0; i < staff; i++)
                {
                    technicianNo++;
                    var personName = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)] + (random.Next(2) == 0 ? "" : Given[random.Next(Given.Length)]);
                    var tech = new Technician(Guid.CreateVersion7(), enterprise.Id, point.Id, personName, $"tech{technicianNo:0000}@demo.xinchuang.local",
                        CapabilityLevel: 1 + random.Next(3), Active: random.NextDouble() > 0.03) { Phone = $"1{37 + technicianNo % 3}{7710000 + technicianNo:00000000}" };
                    // The same random draws in the same order as before categories were kept: the demo stays the same.
                    var served = categories.OrderBy(_ => random.Next()).Take(2 + random.Next(4)).ToArray();
                    db.Technicians.Add(tech with { Categories = served });
                    foreach (var category in served)
                    {
                        // About one certificate in eight has lapsed, so dispatch has something to refuse; the others are
                        // valid today (issued up to three years ago), a few of them running out within the month.
                        var expired = random.NextDouble() < 0.125;
                        var until = expired ? today.AddDays(-random.Next(1, 200)) : today.AddDays(random.Next(10, 900));
                        // Three years' validity: every one began before today (at most 900 days left).
                        db.Certificates.Add(new Certificate(tech.Id, category, until.AddYears(-3), until) { Number = $"GXXC-{until.AddYears(-3).Year}-{++certificateNo:000000}" });
                    }
                }
            }
        }
        foreach (var name in vendors)
            db.Enterprises.Add(new Enterprise(Guid.CreateVersion7(), name, EnterpriseKind.ProductVendor, ShortlistStatus.Active));
        var removed = LeaveUncovered(db, UncoveredCounty);
        await db.SaveChangesAsync(ct);
        return technicianNo - removed;
    }

    /// <summary>The Data Bureau's demo account, who decided the demo suspension.</summary>
    public const string DataBureauUser = "admin@xinchuang.local";

    /// <summary>
    /// The suspended integrator's suspension as the Data Bureau records it after an interview: last quarter's failed
    /// assessment, early this quarter, with its reason — so its 名录记录 and 最近决定 say why it is suspended.
    /// </summary>
    private ShortlistDecision Suspension(Enterprise enterprise)
    {
        var now = clock.GetUtcNow();
        var (year, quarter) = AssessmentPeriod.QuarterOf(now);
        var last = AssessmentPeriod.Before(AssessmentPeriod.Name(year, quarter));
        var decided = AssessmentPeriod.Quarter(year, quarter).From.AddDays(12).AddHours(2).ToUniversalTime();   // PostgreSQL keeps UTC only
        if (decided > now.AddHours(-1)) decided = now.AddHours(-1);
        var reason = $"{AssessmentPeriod.Spoken(last).Zh}服务考核不合格（56.5 分），约谈后整改不到位：暂停派单，整改完成并经复核后恢复。";
        return ShortlistDecision.Make(enterprise with { Status = ShortlistStatus.Active }, ShortlistActions.Suspend, reason, last, decided, DataBureauUser)!.Value.Decision;
    }

    /// <summary>
    /// Leaves out the active integrators' points in <paramref name="county"/> with their technicians and certificates (the rest
    /// of the demo is unchanged); returns how many technicians were left out.
    /// </summary>
    private static int LeaveUncovered(XfDbContext db, string county)
    {
        var active = db.ChangeTracker.Entries<Enterprise>().Select(e => e.Entity)
            .Where(e => e.Kind == EnterpriseKind.Integrator && e.Status == ShortlistStatus.Active).Select(e => e.Id).ToHashSet();
        var points = db.ChangeTracker.Entries<ServicePoint>().Select(e => e.Entity).Where(p => p.CountyCode == county && active.Contains(p.EnterpriseId)).ToList();
        var pointIds = points.Select(p => p.Id).ToHashSet();
        var technicians = db.ChangeTracker.Entries<Technician>().Select(e => e.Entity).Where(t => pointIds.Contains(t.ServicePointId)).ToList();
        var technicianIds = technicians.Select(t => t.Id).ToHashSet();
        foreach (var certificate in db.ChangeTracker.Entries<Certificate>().Select(e => e.Entity).Where(c => technicianIds.Contains(c.TechnicianId)).ToList())
            db.Remove(certificate);
        foreach (var technician in technicians) db.Remove(technician);
        foreach (var point in points) db.Remove(point);
        return technicians.Count;
    }
}
