using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace XinchuangFlow.Web.Tests;

/// <summary>Collects the app's log lines in memory.</summary>
public sealed class LogSink : ILoggerProvider
{
    public sealed record Line(string Category, EventId EventId, LogLevel Level, string Message);

    private readonly ConcurrentQueue<Line> _lines = new();
    public IReadOnlyList<Line> Lines => _lines.ToList();

    /// <summary>Access refusals logged for a user (AccessService's event 4030).</summary>
    public int RefusalsOf(string user) => _lines.Count(l => l.EventId.Id == 4030 && l.Message.Contains(user, StringComparison.OrdinalIgnoreCase));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) sink._lines.Enqueue(new Line(category, eventId, logLevel, formatter(state, exception)));
        }
    }
}

/// <summary>The same app on a fresh database of the PostgreSQL server that ./test.sh starts (XF_TEST_POSTGRES).</summary>
public class PostgresWebAppFactory : WebAppFactory
{
    private readonly string _database = "xf_web_" + Guid.NewGuid().ToString("N");
    private static string ServerConnection => Environment.GetEnvironmentVariable("XF_TEST_POSTGRES") is { Length: > 0 } cs
        ? cs : throw new InvalidOperationException("XF_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

    protected override (string Provider, string ConnectionString) Database()
    {
        using (var conn = new NpgsqlConnection(ServerConnection))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", conn);
            cmd.ExecuteNonQuery();
        }
        return ("PostgreSql", new NpgsqlConnectionStringBuilder(ServerConnection) { Database = _database }.ToString());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var conn = new NpgsqlConnection(ServerConnection);
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
        catch (NpgsqlException) { }
    }
}

/// <summary>Moves a ticket or complaint through its flow over the API, completing open tasks by their stable keys.</summary>
public static class FlowDriver
{
    /// <summary>Open tasks of an instance as the caller sees them.</summary>
    public static async Task<JsonArray> OpenTasksAsync(HttpClient api, string instanceId) =>
        (await api.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instanceId}&status=Open"))!["items"]!.AsArray();

    public static async Task<JsonObject> TaskAtAsync(HttpClient api, string instanceId, string activityId) =>
        (await OpenTasksAsync(api, instanceId)).Select(t => t!.AsObject()).FirstOrDefault(t => t["activityId"]!.GetValue<string>() == activityId)
        ?? throw new InvalidOperationException($"No open task at '{activityId}' on instance {instanceId}.");

    public static async Task CompleteAsync(HttpClient api, string instanceId, string activityId, string outcome, JsonObject? data = null)
    {
        var task = await TaskAtAsync(api, instanceId, activityId);
        var response = await api.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new JsonObject { ["outcome"] = outcome, ["data"] = data ?? [] });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Completing {activityId} with {outcome} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>As an administrator: dispatches by hand when needed, accepts, handles remotely and resolves, so the feedback step waits.</summary>
    public static async Task ToFeedbackAsync(HttpClient admin, string number, string? technicianForManualDispatch = null)
    {
        var ticket = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!;
        var instance = ticket["instanceId"]!.GetValue<string>();
        var open = await OpenTasksAsync(admin, instance);
        if (open.Any(t => t!["activityId"]!.GetValue<string>() == "manualDispatch"))
            await CompleteAsync(admin, instance, "manualDispatch", "dispatch",
                new JsonObject { ["technicianUser"] = technicianForManualDispatch ?? throw new InvalidOperationException($"{number} needs a manual dispatch."), ["reason"] = "测试派单" });
        await CompleteAsync(admin, instance, "accept", "accept");
        await CompleteAsync(admin, instance, "handle", "remote");
        await CompleteAsync(admin, instance, "resolveTask", "resolved", new JsonObject { ["resolution"] = "已远程处理" });
    }
}
