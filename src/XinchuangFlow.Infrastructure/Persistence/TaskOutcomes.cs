using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Reads a task's stored outcomes in either format.</summary>
internal static class TaskOutcomes
{
    public static List<TaskOutcome> Read(string json)
    {
        var list = new List<TaskOutcome>();
        if (System.Text.Json.Nodes.JsonNode.Parse(json) is not System.Text.Json.Nodes.JsonArray items) return list;
        foreach (var item in items)
        {
            if (item is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var plain)) list.Add(new TaskOutcome(plain, plain));
            else if (item is System.Text.Json.Nodes.JsonObject o && o["key"]?.GetValue<string>() is { } key)
                list.Add(new TaskOutcome(key, o["name"]?.GetValue<string>() ?? key, o["nameEn"]?.GetValue<string>()));
        }
        return list;
    }
}
