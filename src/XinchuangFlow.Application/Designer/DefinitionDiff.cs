using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Application.Designer;

/// <summary>
/// A readable difference between two versions of a definition: activities added, removed, retyped, renamed, moved
/// (only when asked) and each input changed with its old and new value; connections added and removed; variables
/// and header changes. Positions are ignored by default: moving boxes is not a change of behaviour.
/// </summary>
public static class DefinitionDiff
{
    public static IReadOnlyList<DiffLine> Compare(WorkflowDefinitionModel before, WorkflowDefinitionModel after, bool includePositions = false)
    {
        var lines = new List<DiffLine>();
        if (before.Name != after.Name) lines.Add(new DiffLine("header", null, "name changed", before.Name, after.Name));
        if (before.Description != after.Description) lines.Add(new DiffLine("header", null, "description changed", before.Description, after.Description));
        var oldStart = Json(before.StartPermission);
        var newStart = Json(after.StartPermission);
        if (oldStart != newStart) lines.Add(new DiffLine("header", null, "start permission changed", oldStart, newStart));

        var oldVars = before.Variables.ToDictionary(v => v.Name);
        var newVars = after.Variables.ToDictionary(v => v.Name);
        foreach (var v in after.Variables.Where(v => !oldVars.ContainsKey(v.Name))) lines.Add(new DiffLine("variable-added", null, $"variable {v.Name} ({v.Type}) added", null, v.Default?.ToJsonString()));
        foreach (var v in before.Variables.Where(v => !newVars.ContainsKey(v.Name))) lines.Add(new DiffLine("variable-removed", null, $"variable {v.Name} removed"));
        foreach (var v in after.Variables.Where(v => oldVars.TryGetValue(v.Name, out var o) && (o.Type != v.Type || o.Default?.ToJsonString() != v.Default?.ToJsonString())))
            lines.Add(new DiffLine("variable-changed", null, $"variable {v.Name} changed", $"{oldVars[v.Name].Type} = {oldVars[v.Name].Default?.ToJsonString()}", $"{v.Type} = {v.Default?.ToJsonString()}"));

        var oldActs = before.Activities.ToDictionary(a => a.Id);
        var newActs = after.Activities.ToDictionary(a => a.Id);
        foreach (var a in after.Activities.Where(a => !oldActs.ContainsKey(a.Id))) lines.Add(new DiffLine("activity-added", a.Id, $"{Label(a)} added ({a.Type})"));
        foreach (var a in before.Activities.Where(a => !newActs.ContainsKey(a.Id))) lines.Add(new DiffLine("activity-removed", a.Id, $"{Label(a)} removed ({a.Type})"));
        foreach (var a in after.Activities.Where(a => oldActs.ContainsKey(a.Id)))
        {
            var o = oldActs[a.Id];
            if (o.Type != a.Type) lines.Add(new DiffLine("activity-type", a.Id, $"{Label(a)}: type changed", o.Type, a.Type));
            if (o.DisplayName != a.DisplayName) lines.Add(new DiffLine("activity-renamed", a.Id, $"{Label(a)}: renamed", o.DisplayName, a.DisplayName));
            foreach (var name in o.Inputs.Keys.Union(a.Inputs.Keys).Order(StringComparer.Ordinal))
            {
                var was = o.Inputs.GetValueOrDefault(name)?.ToJsonString();
                var now = a.Inputs.GetValueOrDefault(name)?.ToJsonString();
                if (was != now) lines.Add(new DiffLine("input-changed", a.Id, $"{Label(a)}: input '{name}' {(was is null ? "set" : now is null ? "removed" : "changed")}", was, now));
            }
            if (includePositions && o.Position != a.Position) lines.Add(new DiffLine("activity-moved", a.Id, $"{Label(a)} moved", $"{o.Position}", $"{a.Position}"));
        }

        static string Key(ConnectionModel c) => $"{c.Source.Activity}.{c.Source.Port ?? "done"} → {c.Target.Activity}";
        var oldLinks = before.Connections.Select(Key).ToHashSet();
        var newLinks = after.Connections.Select(Key).ToHashSet();
        foreach (var c in after.Connections.Where(c => !oldLinks.Contains(Key(c)))) lines.Add(new DiffLine("connection-added", c.Source.Activity, $"connection {Key(c)} added"));
        foreach (var c in before.Connections.Where(c => !newLinks.Contains(Key(c)))) lines.Add(new DiffLine("connection-removed", c.Source.Activity, $"connection {Key(c)} removed"));
        return lines;
    }

    private static string Label(ActivityModel a) => string.IsNullOrWhiteSpace(a.DisplayName) ? a.Id : $"{a.DisplayName} ({a.Id})";

    private static string? Json(StartPermission? p) => p is null ? null : new JsonObject
    {
        ["roles"] = new JsonArray(p.Roles.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
        ["useCaseOnly"] = p.UseCaseOnly,
    }.ToJsonString();
}
