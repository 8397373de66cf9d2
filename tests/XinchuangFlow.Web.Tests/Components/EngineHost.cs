using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>The real engine on a throwaway SQLite file, for component tests that act on real instances.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xf-bunit-" + Guid.NewGuid().ToString("N"));
    private IHost _host = null!;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    public IWorkflowStore Store => _host.Services.GetRequiredService<IWorkflowStore>();
    public WorkflowRuntime Runtime => _host.Services.GetRequiredService<WorkflowRuntime>();
    public IServiceProvider Services => _host.Services;

    public static async Task<EngineHost> StartAsync()
    {
        var h = new EngineHost();
        Directory.CreateDirectory(h._folder);
        var builder = EngineHostBuilder.Create(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(h._folder, "ui.db")}", h.Clock);
        h._host = builder.Build();
        await h._host.StartAsync();
        return h;
    }

    public async Task PublishAsync(string json)
    {
        var definitions = _host.Services.GetRequiredService<DefinitionService>();
        var model = DefinitionJson.Parse(json);
        await definitions.SaveDraftAsync(model, "tester");
        await definitions.PublishAsync(model.DefinitionId);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
