using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Hosting;

/// <summary>
/// A host that runs the engine without the web app, on a given database: for tools, the benchmark and tests.
/// Shipped workflow files are not imported; the time source can be replaced (e.g. a fake clock).
/// </summary>
public static class EngineHostBuilder
{
    public static HostApplicationBuilder Create(DatabaseProvider provider, string connectionString, TimeProvider clock,
        bool withScheduler = false, IDictionary<string, string?>? settings = null, LogLevel logLevel = LogLevel.Warning)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Engine",
            ContentRootPath = AppContext.BaseDirectory,
        });
        var config = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Default"] = connectionString,
            ["Workflows:ImportOnStart"] = "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Services.AddSingleton(clock);
        builder.AddXinchuangFlowInfrastructure(withScheduler);
        return builder;
    }
}
