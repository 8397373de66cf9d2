using System.Collections.Frozen;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>A parsed definition version with lookup tables the interpreter needs on every step.</summary>
public sealed class CompiledDefinition
{
    private static readonly IReadOnlyList<string> None = [];
    private readonly FrozenDictionary<string, ActivityModel> _activities;
    private readonly FrozenDictionary<(string, string), IReadOnlyList<string>> _outgoing;
    private readonly FrozenDictionary<string, IReadOnlyList<string>> _incomingSources;

    public CompiledDefinition(WorkflowDefinitionModel model, int version)
    {
        Model = model;
        Version = version;
        _activities = model.Activities.GroupBy(a => a.Id).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _outgoing = model.Connections
            .GroupBy(c => (c.Source.Activity, c.Source.Port ?? "done"))
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(c => c.Target.Activity).Distinct().ToList());
        _incomingSources = model.Connections
            .GroupBy(c => c.Target.Activity)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(c => c.Source.Activity).Distinct().ToList(), StringComparer.Ordinal);
    }

    public WorkflowDefinitionModel Model { get; }
    public int Version { get; }
    public string DefinitionId => Model.DefinitionId;

    public ActivityModel? Find(string activityId) => _activities.GetValueOrDefault(activityId);

    /// <summary>Targets reached from an activity's outcome port.</summary>
    public IReadOnlyList<string> Targets(string activityId, string outcome) =>
        _outgoing.TryGetValue((activityId, outcome), out var t) ? t : None;

    /// <summary>Distinct activities with a connection into <paramref name="activityId"/>.</summary>
    public IReadOnlyList<string> Sources(string activityId) => _incomingSources.GetValueOrDefault(activityId) ?? None;

    /// <summary>Every activity from which <paramref name="activityId"/> can be reached.</summary>
    public HashSet<string> Ancestors(string activityId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(Sources(activityId));
        while (stack.Count > 0)
        {
            var a = stack.Pop();
            if (a == activityId || !seen.Add(a)) continue;
            foreach (var s in Sources(a)) stack.Push(s);
        }
        return seen;
    }
}
