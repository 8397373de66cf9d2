using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Application.Designer;

/// <summary>
/// Auto-layout for a definition without positions: activities in columns by their longest distance from the Start
/// (back edges of loops ignored), rows in the order they are reached; unreachable ones in a last column. Rows are
/// <see cref="RowHeight"/> apart, more below an activity that is drawn taller (<c>heightOf</c>, the canvas's measure),
/// so no two overlap.
/// </summary>
public static class Layout
{
    public const double ColumnWidth = 240, RowHeight = 150, RowGap = 30, Left = 40, Top = 40;

    public static void Apply(WorkflowDefinitionModel m, ActivityRegistry registry, bool onlyMissing = false, Func<ActivityModel, double>? heightOf = null)
    {
        var start = m.Activities.FirstOrDefault(a => registry.FindDescriptor(a.Type)?.IsStart == true) ?? m.Activities.FirstOrDefault();
        if (start is null) return;
        var next = m.Connections.GroupBy(c => c.Source.Activity).ToDictionary(g => g.Key, g => g.Select(c => c.Target.Activity).Distinct().ToList());
        // Depth-first order gives the back edges (to an activity still on the path); the rest is a DAG.
        var order = new List<string>();
        var onPath = new HashSet<string>();
        var seen = new HashSet<string>();
        var back = new HashSet<(string, string)>();
        void Visit(string id)
        {
            seen.Add(id);
            onPath.Add(id);
            foreach (var t in next.GetValueOrDefault(id) ?? [])
            {
                if (onPath.Contains(t)) back.Add((id, t));
                else if (!seen.Contains(t)) Visit(t);
            }
            onPath.Remove(id);
            order.Add(id);
        }
        Visit(start.Id);
        order.Reverse();
        var layer = new Dictionary<string, int>(StringComparer.Ordinal) { [start.Id] = 0 };
        foreach (var id in order)
            foreach (var t in next.GetValueOrDefault(id) ?? [])
                if (!back.Contains((id, t))) layer[t] = Math.Max(layer.GetValueOrDefault(t), layer.GetValueOrDefault(id) + 1);
        var last = layer.Count == 0 ? 0 : layer.Values.Max() + 1;
        var nextTop = new Dictionary<int, double>();
        foreach (var a in m.Activities.OrderBy(a => order.IndexOf(a.Id) is var i && i < 0 ? int.MaxValue : i))
        {
            var column = layer.TryGetValue(a.Id, out var l) ? l : last;
            var top = nextTop.GetValueOrDefault(column, Top);
            nextTop[column] = top + Math.Max(RowHeight, (heightOf?.Invoke(a) ?? 0) + RowGap);
            if (onlyMissing && a.Position is not null) continue;
            a.Position = new DesignerPosition(Left + column * ColumnWidth, top);
        }
    }
}
