using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Domain.Dispatch;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>The service network stored and read back on each provider, and dispatch planned on it.</summary>
public abstract class NetworkStoreContractTests : IAsyncLifetime
{
    private EngineHarness _h = null!;
    protected abstract ITestDatabases Databases { get; }

    public async Task InitializeAsync() =>
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero)));

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        switch (Databases)
        {
            case IAsyncDisposable a: await a.DisposeAsync(); break;
            case IDisposable d: d.Dispose(); break;
        }
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
        var decision = planner.Plan(new DispatchRequest("GX-T", nanningCounty, "terminal", "P3", null, new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8))), snapshot);
        Assert.True(decision.Dispatched, decision.RuleEn);
        Assert.NotEqual(suspended.Id, decision.Chosen!.EnterpriseId);
        Assert.Contains(snapshot.Certificates, c => c.TechnicianId == decision.Chosen.Id && c.ProductCategory == "terminal" && c.ValidOn(new DateOnly(2026, 11, 27)));

        var byEnterprise = await network.TechniciansAsync(suspended.Id);
        Assert.All(byEnterprise, t => Assert.Equal(suspended.Id, t.EnterpriseId));
        Assert.All(await network.CertificatesAsync(suspended.Id), c => Assert.Contains(byEnterprise, t => t.Id == c.TechnicianId));
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
