using System.Globalization;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>
/// Persistent signals (ENG-12): a signal sent to an instance that does not wait for it yet is kept in the instance's
/// own state with an expiry, and the first matching wait takes it. Because it lives in the instance aggregate, keeping
/// and taking it commit with the instance under its version check: a signal is consumed exactly once.
/// </summary>
public static class PendingSignals
{
    /// <summary>The activity-state key the signals are kept under.</summary>
    public const string StateKey = "$signals";

    public static void Keep(WorkflowInstance instance, string name, JsonNode? payload, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var list = Live(instance, now);
        list.Add(new JsonObject
        {
            ["name"] = name,
            ["payload"] = payload?.DeepClone(),
            ["sentAt"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["expiresAt"] = expiresAt.ToString("O", CultureInfo.InvariantCulture),
        });
        instance.ActivityState[StateKey] = list;
    }

    /// <summary>Takes the oldest live signal of this name; drops the expired ones.</summary>
    public static JsonNode? Take(WorkflowInstance instance, string name, DateTimeOffset now, out bool found)
    {
        found = false;
        if (instance.ActivityState[StateKey] is null) return null;
        var list = Live(instance, now);
        JsonNode? payload = null;
        var match = list.OfType<JsonObject>().FirstOrDefault(o => o["name"]?.GetValue<string>() == name);
        if (match is not null)
        {
            found = true;
            payload = match["payload"]?.DeepClone();
            list.Remove(match);
        }
        if (list.Count == 0) instance.ActivityState.Remove(StateKey);
        else instance.ActivityState[StateKey] = list;
        return payload;
    }

    /// <summary>The kept signals of an instance that have not expired.</summary>
    public static IReadOnlyList<(string Name, DateTimeOffset ExpiresAt)> List(WorkflowInstance instance, DateTimeOffset now) =>
        Live(instance, now).OfType<JsonObject>().Select(o => (o["name"]!.GetValue<string>(), Expiry(o))).ToList();

    private static JsonArray Live(WorkflowInstance instance, DateTimeOffset now)
    {
        var kept = instance.ActivityState[StateKey] as JsonArray ?? [];
        var live = new JsonArray();
        foreach (var o in kept.OfType<JsonObject>())
            if (Expiry(o) > now) live.Add(o.DeepClone());
        return live;
    }

    private static DateTimeOffset Expiry(JsonObject o) =>
        DateTimeOffset.TryParse(o["expiresAt"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : DateTimeOffset.MinValue;
}
