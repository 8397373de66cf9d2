using XinchuangFlow.Domain.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Domain.Dispatch;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>The service network stored and read back on each provider, and dispatch planned on it.</summary>
public abstract partial class NetworkStoreContractTests : IAsyncLifetime
{
    private EngineHarness _h = null!;
    protected abstract ITestDatabases Databases { get; }

    public async Task InitializeAsync() =>
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero)));

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    [Fact]
    public async Task DemoSeed_ReadBack_ThenDispatchPlansOnIt()
    {
        var seeder = _h.Services.GetRequiredService<DemoNetworkSeeder>();
        var technicians = await seeder.SeedAsync();
        Assert.True(technicians > 300);
        Assert.Equal(0, await seeder.SeedAsync());   // only on an empty network

        var network = _h.Services.GetRequiredService<INetworkRepository>();
        var snapshot = await network.SnapshotAsync();
        Assert.Equal(technicians, snapshot.Technicians.Count);
        Assert.Equal(7, snapshot.Enterprises.Count);
        Assert.All(snapshot.Certificates, c => Assert.True(c.ValidUntil > c.ValidFrom));
        Assert.Contains(snapshot.Certificates, c => c.ValidUntil < new DateOnly(2026, 11, 27));

        var suspended = snapshot.Enterprises.Single(e => e.Status == ShortlistStatus.Suspended);
        var planner = new DispatchPlanner(GuangxiDivisions.Shipped);
        var nanningCounty = GuangxiDivisions.Shipped.CountiesOf("4501")[0].Code;
        var decision = planner.Plan(new DispatchRequest("GX-T", nanningCounty, "terminal", Grade.P3, null, new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8))), snapshot);
        Assert.True(decision.Dispatched, decision.RuleEn);
        Assert.NotEqual(suspended.Id, decision.Chosen!.EnterpriseId);
        Assert.Contains(snapshot.Certificates, c => c.TechnicianId == decision.Chosen.Id && c.ProductCategory == "terminal" && c.ValidOn(new DateOnly(2026, 11, 27)));

        var byEnterprise = await network.TechniciansAsync(suspended.Id);
        Assert.All(byEnterprise, t => Assert.Equal(suspended.Id, t.EnterpriseId));
        Assert.All(await network.CertificatesAsync(suspended.Id), c => Assert.Contains(byEnterprise, t => t.Id == c.TechnicianId));

        // The suspended integrator is suspended for a reason: the Data Bureau's decision after last quarter's assessment is on its record.
        var decisions = await _h.Services.GetRequiredService<XinchuangFlow.Application.Network.IShortlistStore>().DecisionsAsync(null, 100);
        var suspension = Assert.Single(decisions);
        Assert.Equal((suspended.Id, ShortlistActions.Suspend, ShortlistStatus.Active, ShortlistStatus.Suspended, "2026Q3", DemoNetworkSeeder.DataBureauUser),
            (suspension.EnterpriseId, suspension.Action, suspension.FromStatus, suspension.ToStatus, suspension.Quarter, suspension.By));
        Assert.Contains("2026 年第 3 季度", suspension.Reason);
        Assert.True(suspension.At < new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero) && suspension.At >= new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero));

        // Every demo liaison and deputy is a different person.
        Assert.Equal(23, await _h.Services.GetRequiredService<DemoLiaisonSeeder>().SeedAsync());
        var liaisons = await _h.Services.GetRequiredService<XinchuangFlow.Application.Network.ILiaisonStore>().ListAsync();
        var people = liaisons.SelectMany(l => new[] { l.Name, l.DeputyName }).ToList();
        Assert.Equal(46, people.Count);
        Assert.Equal(people.Count, people.Distinct().Count());
    }
}

public abstract partial class NetworkStoreContractTests
{
    private static FlowBuilder IntakeFlow() => new FlowBuilder("intake")
        .Var("countyCode", "string").Var("productCategory", "string").Var("impact", "string").Var("description", "string")
        .Var("integratorId", "string").Var("grading", "object").Var("dispatch", "object")
        .Act("start", "xf.Start")
        .Act("grade", "xf.ticket.Grade", new System.Text.Json.Nodes.JsonObject
        {
            ["productCategory"] = FlowBuilder.Expr("vars.productCategory"), ["impact"] = FlowBuilder.Expr("vars.impact"),
            ["description"] = FlowBuilder.Expr("vars.description"), ["resultVariable"] = "grading",
        })
        .Act("dispatch", "xf.ticket.Dispatch", new System.Text.Json.Nodes.JsonObject
        {
            ["countyCode"] = FlowBuilder.Expr("vars.countyCode"), ["productCategory"] = FlowBuilder.Expr("vars.productCategory"),
            ["grade"] = FlowBuilder.Expr("vars.grading.grade"), ["integratorId"] = FlowBuilder.Expr("vars.integratorId"), ["resultVariable"] = "dispatch",
        })
        .Act("accept", "xf.UserTask", new System.Text.Json.Nodes.JsonObject
        {
            ["title"] = FlowBuilder.Expr("'接单：' + vars.description"), ["assignee"] = FlowBuilder.Expr("vars.dispatch.technicianUser"), ["outcomes"] = FlowBuilder.Arr("接单"),
        })
        .Task("manual", "Dispatcher", "已派单")
        .Act("end", "xf.End")
        .Chain("start", "grade", "dispatch").Link("dispatch", "dispatched", "accept").Link("dispatch", "manual", "manual")
        .Link("accept", "接单", "end").Link("manual", "已派单", "end");

    [Fact]
    public async Task IntakeFlow_GradesDispatchesAndAssignsTheTaskToTheChosenTechnician()
    {
        await _h.Services.GetRequiredService<DemoNetworkSeeder>().SeedAsync();
        await _h.PublishAsync(IntakeFlow());
        var county = GuangxiDivisions.Shipped.Counties.Single(c => c.Name == "青秀区").Code;
        var i = await _h.Runtime.StartAsync(new XinchuangFlow.Engine.Runtime.StartRequest("intake", new System.Text.Json.Nodes.JsonObject
        {
            ["countyCode"] = county, ["productCategory"] = "terminal", ["impact"] = "single", ["description"] = "统信UOS开机后黑屏",
        }));
        var state = await _h.InstanceAsync(i.Id);
        Assert.Equal("P3", state.Variables["grading"]!["grade"]!.GetValue<string>());
        Assert.True(state.Variables["dispatch"]!["dispatched"]!.GetValue<bool>());
        var user = state.Variables["dispatch"]!["technicianUser"]!.GetValue<string>();
        var task = await _h.OpenTaskAsync(i.Id, "accept");
        Assert.Equal(user, task.AssigneeUser);
        Assert.Equal("接单：统信UOS开机后黑屏", task.Title);

        var snapshot = await _h.Services.GetRequiredService<INetworkRepository>().SnapshotAsync();
        var tech = snapshot.Technicians.Single(t => t.UserName == user);
        Assert.Equal(ShortlistStatus.Active, snapshot.Enterprises.Single(e => e.Id == tech.EnterpriseId).Status);
        Assert.Contains(snapshot.Certificates, c => c.TechnicianId == tech.Id && c.ProductCategory == "terminal" && c.ValidOn(new DateOnly(2026, 11, 27)));
        Assert.Contains("定级P3", (await _h.Store.GetJournalAsync(i.Id)).Single(j => j.ActivityId == "grade" && j.Kind == XinchuangFlow.Engine.Runtime.JournalKind.ActivityExecuted).Data!["explanation"]!.GetValue<string>());

        // The open task now counts as that technician's workload.
        Assert.Equal(1, (await _h.Services.GetRequiredService<INetworkRepository>().SnapshotAsync()).OpenWorkload[tech.Id]);

        // The suspended integrator, named as responsible, cannot take it: a dispatcher decides.
        var suspended = snapshot.Enterprises.Single(e => e.Status == ShortlistStatus.Suspended);
        var j2 = await _h.Runtime.StartAsync(new XinchuangFlow.Engine.Runtime.StartRequest("intake", new System.Text.Json.Nodes.JsonObject
        {
            ["countyCode"] = county, ["productCategory"] = "terminal", ["impact"] = "single", ["description"] = "无法打印", ["integratorId"] = suspended.Id.ToString(),
        }));
        await _h.OpenTaskAsync(j2.Id, "manual");
        Assert.Contains("已暂停", (await _h.InstanceAsync(j2.Id)).Variables["dispatch"]!["ruleZh"]!.GetValue<string>());
    }
}

public abstract partial class NetworkStoreContractTests
{
    /// <summary>
    /// Dispatch keeps the network it reads (PERF-2) but never acts on an out-of-date one longer than it must: a change saved
    /// on this node is seen by the next ticket, one saved elsewhere (here: an update no context of this node tracked)
    /// within <see cref="XinchuangFlow.Infrastructure.Persistence.EfNetworkRepository.DispatchTtl"/>; the technicians'
    /// open workload is read for every ticket.
    /// </summary>
    [Fact]
    public async Task TheKeptDispatchNetwork_SeesThisNodesWritesAtOnce_OtherWritesWithinItsTime_AndTheWorkloadEveryTime()
    {
        await _h.Services.GetRequiredService<DemoNetworkSeeder>().SeedAsync();
        await _h.PublishAsync(IntakeFlow());
        var network = _h.Services.GetRequiredService<INetworkRepository>();
        var county = GuangxiDivisions.Shipped.Counties.Single(c => c.Name == "青秀区").Code;
        async Task<string?> IntakeAsync(string text)
        {
            var i = await _h.Runtime.StartAsync(new XinchuangFlow.Engine.Runtime.StartRequest("intake", new System.Text.Json.Nodes.JsonObject
            {
                ["countyCode"] = county, ["productCategory"] = "terminal", ["impact"] = "single", ["description"] = text,
            }));
            return (await _h.InstanceAsync(i.Id)).Variables["dispatch"]!["technicianUser"]?.GetValue<string>();
        }

        var before = await network.DispatchSnapshotAsync(null, "terminal");
        var user = await IntakeAsync("统信UOS开机后黑屏");
        Assert.NotNull(user);
        var tech = before.Technicians.Single(t => t.UserName == user);
        var after = await network.DispatchSnapshotAsync(null, "terminal");
        Assert.Same(before.Technicians, after.Technicians);                                   // the network kept
        Assert.Equal(before.OpenWorkload[tech.Id] + 1, after.OpenWorkload[tech.Id]);          // the workload read again

        // Taken off duty here: the next read and the next ticket know it.
        var changes = new XinchuangFlow.Application.Network.NetworkChanges();
        changes.Updated.Add(tech with { Active = false });
        await _h.Services.GetRequiredService<XinchuangFlow.Application.Network.INetworkAdminStore>().ApplyAsync(changes);
        var offDuty = await network.DispatchSnapshotAsync(null, "terminal");
        Assert.NotSame(after.Technicians, offDuty.Technicians);
        Assert.False(offDuty.Technicians.Single(t => t.Id == tech.Id).Active);
        Assert.NotEqual(user, await IntakeAsync("无法打印"));

        // Back on duty by a write this node did not save (as another node's): seen once the kept copy's time is up.
        var factory = _h.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<XinchuangFlow.Infrastructure.Persistence.XfDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(db.Technicians.Where(t => t.Id == tech.Id), u => u.SetProperty(t => t.Active, true));
        Assert.False((await network.DispatchSnapshotAsync(null, "terminal")).Technicians.Single(t => t.Id == tech.Id).Active);
        _h.Clock.Advance(XinchuangFlow.Infrastructure.Persistence.EfNetworkRepository.DispatchTtl);
        var onDuty = await network.DispatchSnapshotAsync(null, "terminal");
        Assert.True(onDuty.Technicians.Single(t => t.Id == tech.Id).Active);

        // A flow's step suspends the technician's enterprise (as a quarter's assessment does), written with the engine's
        // own SQL in its commit: the next read knows it too.
        var enterprise = onDuty.Enterprises.Single(e => e.Id == tech.EnterpriseId);
        await _h.PublishAsync(new FlowBuilder("suspend").Act("start", "xf.Start").Act("suspend", "test.SuspendEnterprise", new System.Text.Json.Nodes.JsonObject { ["name"] = enterprise.Name })
            .Act("end", "xf.End").Chain("start", "suspend", "end"));
        await _h.Runtime.StartAsync(new XinchuangFlow.Engine.Runtime.StartRequest("suspend"));
        Assert.Equal(ShortlistStatus.Suspended, (await network.DispatchSnapshotAsync(null, "terminal")).Enterprises.Single(e => e.Id == enterprise.Id).Status);
        Assert.NotEqual(user, await IntakeAsync("显示器无信号"));
    }
}

public sealed class SqliteNetworkStoreTests : NetworkStoreContractTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlNetworkStoreTests : NetworkStoreContractTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
