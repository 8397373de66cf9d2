using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Tests.Support;

/// <summary>A real host with the engine on a real database; time is a FakeTimeProvider.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private EngineHarness(IHost host, FakeTimeProvider clock)
    {
        Host = host;
        Clock = clock;
    }

    public IHost Host { get; }
    public FakeTimeProvider Clock { get; }
    public IServiceProvider Services => Host.Services;
    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();
    public IWorkflowStore Store => Services.GetRequiredService<IWorkflowStore>();
    public DefinitionService Definitions => Services.GetRequiredService<DefinitionService>();
    public CommitCounter Commits => Services.GetRequiredService<CommitCounter>();
    public FlakySwitch Flaky => Services.GetRequiredService<FlakySwitch>();

    public static async Task<EngineHarness> StartAsync(DatabaseProvider provider, string connectionString, FakeTimeProvider clock,
        bool scheduler = false, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Engine:SweepInterval"] = "00:00:00.200",
            ["Engine:Lease"] = "00:00:30",
            // Test classes run in parallel in one process: each host gets its own scheduler.
            ["Engine:SchedulerName"] = "test-" + Guid.NewGuid().ToString("N"),
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        var builder = EngineHostBuilder.Create(provider, connectionString, clock, scheduler, config);
        builder.Services.AddSingleton<CommitCounter>();
        builder.Services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<CommitCounter>());
        builder.Services.AddSingleton<FlakySwitch>();
        builder.Services.AddSingleton<IActivity>(sp => new FlakyActivity(sp.GetRequiredService<FlakySwitch>()));
        builder.Services.AddSingleton<Interference>();
        builder.Services.AddSingleton<IActivity, AddEnterpriseActivity>();
        builder.Services.AddSingleton<IActivity, SuspendEnterpriseActivity>();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new EngineHarness(host, clock);
    }

    /// <summary>Saves and publishes a definition; returns the published version.</summary>
    public async Task<int> PublishAsync(WorkflowDefinitionModel model)
    {
        // Round-trip through JSON so tests exercise the stored form, not the in-memory object.
        var parsed = DefinitionJson.Parse(DefinitionJson.Serialize(model));
        await Definitions.SaveDraftAsync(parsed, "tester");
        return (await Definitions.PublishAsync(parsed.DefinitionId)).Version;
    }

    public Task<int> PublishAsync(FlowBuilder flow) => PublishAsync(flow.Model);

    public async Task<HumanTask> OpenTaskAsync(Guid instanceId, string? activityId = null)
    {
        var tasks = await Store.ListTasksAsync(new TaskQuery(InstanceId: instanceId, Status: HumanTaskStatus.Open));
        return activityId is null ? Assert.Single(tasks) : Assert.Single(tasks, t => t.ActivityId == activityId);
    }

    public async Task<WorkflowInstance> InstanceAsync(Guid id) => (await Store.LoadInstanceAsync(id))!;

    public async Task<int> CountRowsAsync<T>() where T : class
    {
        var factory = Services.GetRequiredService<IDbContextFactory<XfDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Set<T>().CountAsync();
    }

    public DatabaseInitializer Initializer => Services.GetRequiredService<DatabaseInitializer>();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
