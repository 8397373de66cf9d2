using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Benchmarks;

/// <summary>p50 and p95 of repeated runs, in milliseconds.</summary>
public sealed record Percentiles(double P50, double P95)
{
    public static async Task<Percentiles> MeasureAsync(Func<Task> work, int runs = 40)
    {
        await work();   // warm-up: plan caches, JIT
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await work();
            samples.Add(sw.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        return new Percentiles(samples[(int)(runs * 0.5)], samples[Math.Min(runs - 1, (int)Math.Ceiling(runs * 0.95) - 1)]);
    }

    public override string ToString() => $"{P50:0.0} / {P95:0.0} ms";
}

public sealed record InboxResult(int Tickets, int OpenTasks, int Technicians, TimeSpan Seed, Percentiles Baseline, IReadOnlyList<(string Name, int Rows, Percentiles Time)> Queries,
    Percentiles IntakeDemo, int DemoTechnicians, Percentiles IntakeLarge, Percentiles WholeNetworkRead, Percentiles DispatchRead);

/// <summary>
/// PERF-2 (inbox part): a million historical tickets with their tasks and about 5,000 open ones, the inbox of each kind of
/// agent, a filtered page and the ticket workspace; and ticket intake (grading + dispatch + first task) with the demo
/// network and with 5,000 technicians. The baseline of the run is the cheapest read of an inbox page: 25 open tasks by key.
/// </summary>
public static class InboxWorkloads
{
    private static readonly string[] Categories = ProductCategories.Names.Keys.ToArray();

    public static async Task<InboxResult> RunAsync(DatabaseProvider provider, string cs, int tickets, int open)
    {
        var capture = new QueryCapture();
        using var host = await EngineWorkloads.StartHostAsync(provider, cs, TimeProvider.System, new CommitCounter(),
            s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(capture));
        var services = host.Services;
        var factory = services.GetRequiredService<IDbContextFactory<XfDbContext>>();
        await services.GetRequiredService<DatabaseInitializer>().ImportAsync(CancellationToken.None);
        await services.GetRequiredService<DemoNetworkSeeder>().SeedAsync();
        await services.GetRequiredService<DemoTicketSeeder>().SeedUnitsAsync();
        await using (var db = await factory.CreateDbContextAsync())
            _units = await db.ProcurementUnits.AsNoTracking().Where(u => u.IntegratorId != null && db.Enterprises.Any(e => e.Id == u.IntegratorId && e.Status == ShortlistStatus.Active)).ToListAsync();
        var intake = services.GetRequiredService<TicketIntakeService>();
        var network = services.GetRequiredService<INetworkRepository>();

        // Intake with the demo network, then grow it to 5,000 technicians and measure again.
        int demoTechnicians;
        await using (var db = await factory.CreateDbContextAsync()) demoTechnicians = await db.Technicians.CountAsync();
        var intakeDemo = await IntakeAsync(intake);
        var technicians = await GrowNetworkAsync(factory, 5_000);
        var intakeLarge = await IntakeAsync(intake);
        var wholeRead = await Percentiles.MeasureAsync(() => network.SnapshotAsync(), 15);
        var integrators = (await network.EnterprisesAsync()).Where(e => e.Kind == EnterpriseKind.Integrator && e.Status == ShortlistStatus.Active).ToList();
        var dispatchRead = await Percentiles.MeasureAsync(() => network.DispatchSnapshotAsync(integrators[0].Id, "terminal"), 15);

        var seed = Stopwatch.StartNew();
        var (techUser, integrator) = await SeedTicketsAsync(factory, tickets, open, integrators.Select(e => e.Id).ToList());
        seed.Stop();

        var inbox = services.GetRequiredService<InboxService>();
        var workspace = services.GetRequiredService<TicketWorkspaceService>();
        var technician = Actor.Of(techUser, [Roles.Technician], integrator);
        var dispatcher = Actor.Of("bench-dispatcher", [Roles.Dispatcher], integrator);
        var coordinator = Actor.Of("bench-coordinator", [Roles.MunicipalCoordinator], cityCode: "4501");
        var bureau = Actor.Of("bench-admin", [Roles.DataBureauAdmin]);
        var queries = new List<(string, int, Percentiles)>();
        async Task Query(string name, Actor who, InboxQuery q)
        {
            var rows = (await inbox.ListAsync(who, q)).Total;
            queries.Add((name, rows, await Percentiles.MeasureAsync(() => inbox.ListAsync(who, q))));
        }
        if (Environment.GetEnvironmentVariable("XF_BENCH_PLANS") == "1")
        {
            capture.Capturing = true;
            await inbox.ListAsync(bureau, new InboxQuery(InboxView.Overdue));
            await inbox.ListAsync(dispatcher, new InboxQuery(InboxView.All));
            capture.Capturing = false;
            await using var db = await factory.CreateDbContextAsync();
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            foreach (var (sql, parameters) in capture.Commands)
            {
                Console.WriteLine(sql);
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ANALYZE ") + sql;
                foreach (var (name, value) in parameters)
                {
                    var p = cmd.CreateParameter();
                    p.ParameterName = name;
                    p.Value = value ?? DBNull.Value;
                    cmd.Parameters.Add(p);
                }
                await using (var reader = await cmd.ExecuteReaderAsync())
                    while (await reader.ReadAsync()) Console.WriteLine("   " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)));
                cmd.CommandText = sql;
                var raw = await Percentiles.MeasureAsync(async () => { await using var r = await cmd.ExecuteReaderAsync(); while (await r.ReadAsync()) { } }, 10);
                Console.WriteLine($"   raw SQL: {raw}");
                Console.WriteLine();
            }
        }
        await Query("technician: my tasks", technician, new InboxQuery(InboxView.Mine));
        await Query("integrator's dispatcher: all in scope", dispatcher, new InboxQuery(InboxView.All));
        await Query("integrator's dispatcher: team, unclaimed", dispatcher, new InboxQuery(InboxView.Team));
        await Query("coordinator (南宁): all in city", coordinator, new InboxQuery(InboxView.All));
        await Query("Data Bureau: all", bureau, new InboxQuery(InboxView.All));
        await Query("Data Bureau: overdue", bureau, new InboxQuery(InboxView.Overdue));
        await Query("Data Bureau: P1 in 柳州, page 2", bureau, new InboxQuery(InboxView.All, Grade: "P1", City: "4502", Skip: 25));
        await Query("Data Bureau: text search", bureau, new InboxQuery(InboxView.All, Text: "打印"));
        queries.Add(("dispatcher's view counts (4 views)", 4, await Percentiles.MeasureAsync(() => inbox.CountsAsync(dispatcher))));
        // The calls above after their first are served from what the audience's inbox holds (PERF-3). The first call of
        // an audience reads its open tasks whole: measured with a new user of the same roles and scope each time.
        var fresh = 0;
        async Task FirstCall(string name, Func<string, Actor> who, InboxQuery q) =>
            queries.Add((name, (await inbox.ListAsync(who($"bench-first-{++fresh}"), q)).Total, await Percentiles.MeasureAsync(() => inbox.ListAsync(who($"bench-first-{++fresh}"), q), 5)));
        await FirstCall("integrator's dispatcher: all in scope, a first call", u => Actor.Of(u, [Roles.Dispatcher], integrator), new InboxQuery(InboxView.All));
        await FirstCall("coordinator (南宁): all in city, a first call", u => Actor.Of(u, [Roles.MunicipalCoordinator], cityCode: "4501"), new InboxQuery(InboxView.All));
        await FirstCall("Data Bureau: all, a first call", u => Actor.Of(u, [Roles.DataBureauAdmin]), new InboxQuery(InboxView.All));
        var real = (await intake.CreateTrustedAsync(Request(0), "bench-unit", mayNameIntegrator: true)).Ticket;
        queries.Add(("ticket workspace (real flow)", 1, await Percentiles.MeasureAsync(() => workspace.GetAsync(bureau, real.Number))));

        var baseline = await Percentiles.MeasureAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open).OrderBy(t => t.Id).Take(25).ToListAsync();
        });
        return new InboxResult(tickets, open, technicians, seed.Elapsed, baseline, queries, intakeDemo, demoTechnicians, intakeLarge, wholeRead, dispatchRead);
    }

    private static List<ProcurementUnit> _units = [];

    /// <summary>A request of a unit whose contract names its integrator (as the portal records them).</summary>
    private static TicketRequest Request(int i)
    {
        var unit = _units[i % _units.Count];
        return new TicketRequest
        {
            Channel = "api", ProcurementUnitId = unit.Id, ProcurementUnit = unit.Name, ContactName = "压测", ContactPhone = "0771-5550000",
            CityCode = unit.CityCode, CountyCode = unit.CountyCode, ProductCategory = Categories[i % Categories.Length], Impact = "single",
            Title = "压测工单：终端无法开机", Description = "用于性能测试。",
        };
    }

    private static async Task<Percentiles> IntakeAsync(TicketIntakeService intake)
    {
        var i = 0;
        return await Percentiles.MeasureAsync(() => intake.CreateTrustedAsync(Request(++i), "bench-unit", mayNameIntegrator: true), 60);
    }

    /// <summary>Adds technicians (spread over the active integrators' service points, two or three certificates each) up to <paramref name="total"/>.</summary>
    private static async Task<int> GrowNetworkAsync(IDbContextFactory<XfDbContext> factory, int total)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var points = await db.ServicePoints.AsNoTracking().ToListAsync();
        var have = await db.Technicians.CountAsync();
        var random = new Random(5000);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var n = have; n < total; n++)
        {
            var p = points[random.Next(points.Count)];
            var t = new Technician(Guid.CreateVersion7(), p.EnterpriseId, p.Id, $"压测工程师{n}", $"bench{n:00000}@demo.xinchuang.local", 1 + random.Next(3));
            db.Technicians.Add(t);
            foreach (var c in Categories.OrderBy(_ => random.Next()).Take(2 + random.Next(2)))
                db.Certificates.Add(new Certificate(t.Id, c, today.AddYears(-1), today.AddDays(random.Next(-30, 700))));
        }
        await db.SaveChangesAsync();
        return await db.Technicians.CountAsync();
    }

    /// <summary>
    /// Historical tickets (closed, two completed tasks each) and the newest <paramref name="open"/> still open with one open
    /// task each: accept / check-in / result for the technician, feedback for the unit, manual dispatch for the team.
    /// Returns a technician with open work and their integrator.
    /// </summary>
    private static async Task<(string TechUser, Guid Integrator)> SeedTicketsAsync(IDbContextFactory<XfDbContext> factory, int n, int open, List<Guid> integrators)
    {
        List<Technician> techs;
        await using (var db = await factory.CreateDbContextAsync())
            techs = await db.Technicians.AsNoTracking().Where(t => integrators.Contains(t.EnterpriseId)).ToListAsync();
        var byEnterprise = techs.GroupBy(t => t.EnterpriseId).ToDictionary(g => g.Key, g => g.ToList());
        var counties = GuangxiDivisions.Shipped.Counties;
        var random = new Random(1_000_000);
        var now = DateTimeOffset.UtcNow;
        var start = now.AddYears(-3);
        var step = (now - start).Ticks / n;
        Grade[] grades = [Grade.P1, Grade.P2, Grade.P3, Grade.P3, Grade.P4, Grade.P4];
        string[] titles = ["终端无法开机", "打印机无法打印", "办公软件无法保存", "网络时断时续", "中间件服务异常", "数据库连接超时"];
        var outcomes = new List<TaskOutcome> { new("accept", "接单") };
        string? focusTech = null;
        Guid focusIntegrator = integrators[0];
        const int batch = 10_000;
        for (var from = 0; from < n; from += batch)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = from; i < Math.Min(n, from + batch); i++)
            {
                var county = counties[random.Next(counties.Count)];
                var integrator = integrators[random.Next(integrators.Count)];
                var staff = byEnterprise[integrator];
                var tech = staff[random.Next(staff.Count)];
                var created = start.AddTicks(step * i);
                var isOpen = i >= n - open;
                var grade = grades[random.Next(grades.Length)];
                var ticket = new Ticket
                {
                    Id = Guid.CreateVersion7(created), Number = $"GX-{county.ParentCode}-{created:yyyyMMdd}-{i:0000000}", InstanceId = Guid.CreateVersion7(created),
                    Channel = "portal", CreatedAt = created, UpdatedAt = created, CreatedBy = $"unit{county.ParentCode}@demo.xinchuang.local",
                    ProcurementUnit = $"{county.Name}财政局", ContactName = "联系人", CityCode = county.ParentCode, CountyCode = county.Code,
                    ProductCategory = Categories[random.Next(Categories.Length)], Title = titles[random.Next(titles.Length)] + $" #{i}", Description = "历史工单",
                    Grade = grade, IntegratorId = integrator, TechnicianId = tech.Id, TechnicianUser = tech.UserName, TechnicianName = tech.Name,
                    Status = TicketStatus.Closed, ClosedAt = created.AddHours(20), ResolvedAt = created.AddHours(10),
                };
                db.Tickets.Add(ticket);
                if (!isOpen)
                {
                    db.Tasks.Add(Task(ticket, "accept", tech.UserName, null, HumanTaskStatus.Completed, created, outcomes));
                    db.Tasks.Add(Task(ticket, "feedbackTask", ticket.CreatedBy, Roles.ProcurementUser, HumanTaskStatus.Completed, created.AddHours(10), outcomes));
                    continue;
                }
                // Open work: deadlines from two hours ago to a day ahead, so some are overdue and some warned.
                var due = now.AddMinutes(random.Next(-120, 1440));
                ticket.ClosedAt = ticket.ResolvedAt = null;
                (ticket.Status, ticket.NextClock, ticket.NextDueAt, ticket.NextWarnAt) = (i % 10) switch
                {
                    0 => (TicketStatus.Submitted, "response", due, due.AddMinutes(-24)),
                    < 4 => (TicketStatus.Dispatched, "response", due, due.AddMinutes(-24)),
                    < 7 => (TicketStatus.Accepted, "onsite", due, due.AddMinutes(-48)),
                    < 9 => (TicketStatus.OnSite, "resolution", due, due.AddHours(-5)),
                    _ => (TicketStatus.AwaitingFeedback, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null),
                };
                var (activity, assignee, role) = (i % 10) switch
                {
                    0 => ("manualDispatch", (string?)null, (string?)Roles.Dispatcher),
                    < 4 => ("accept", tech.UserName, null),
                    < 7 => ("handle", tech.UserName, null),
                    < 9 => ("resolveTask", tech.UserName, null),
                    _ => ("feedbackTask", ticket.CreatedBy, Roles.ProcurementUser),
                };
                var task = Task(ticket, activity, assignee, role, HumanTaskStatus.Open, now.AddMinutes(-random.Next(10, 600)), outcomes);
                if (activity == "feedbackTask") task.DueAt = now.AddDays(random.Next(1, 7));
                db.Tasks.Add(task);
                if (assignee == tech.UserName && focusTech is null) (focusTech, focusIntegrator) = (tech.UserName, integrator);
            }
            await db.SaveChangesAsync();
        }
        return (focusTech!, focusIntegrator);
    }

    private static HumanTask Task(Ticket t, string activity, string? user, string? role, HumanTaskStatus status, DateTimeOffset at, List<TaskOutcome> outcomes) => new()
    {
        Id = Guid.CreateVersion7(at), InstanceId = t.InstanceId, BookmarkId = Guid.CreateVersion7(at), ActivityId = activity, DefinitionId = "service-ticket",
        Title = $"{activity}：{t.Number} {t.Title}", AssigneeUser = user, AssigneeRole = role, Status = status, Outcomes = outcomes,
        CreatedAt = at, CompletedAt = status == HumanTaskStatus.Completed ? at.AddHours(1) : null, Outcome = status == HumanTaskStatus.Completed ? "accept" : null,
    };
}
