using System.Collections.Frozen;
using System.Reflection;

namespace XinchuangFlow.Engine.Activities;

/// <summary>The activity types the engine knows, keyed by their stable type key.</summary>
public sealed class ActivityRegistry
{
    private readonly FrozenDictionary<string, (IActivity Activity, ActivityDescriptor Descriptor)> _byType;

    /// <summary>Builds the registry from activity instances; duplicate keys are a programming error.</summary>
    public ActivityRegistry(IEnumerable<IActivity> activities)
    {
        var map = new Dictionary<string, (IActivity, ActivityDescriptor)>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            var d = Describe(activity);
            if (!map.TryAdd(d.Type, (activity, d)))
                throw new InvalidOperationException($"Activity type key '{d.Type}' is registered twice.");
        }
        _byType = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>All descriptors, ordered by category then type.</summary>
    public IReadOnlyList<ActivityDescriptor> Descriptors =>
        _byType.Values.Select(v => v.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.Type).ToList();

    /// <summary>The activity for a type key, or null when unknown.</summary>
    public IActivity? Find(string type) => _byType.TryGetValue(type, out var v) ? v.Activity : null;

    /// <summary>The descriptor for a type key, or null when unknown.</summary>
    public ActivityDescriptor? FindDescriptor(string type) => _byType.TryGetValue(type, out var v) ? v.Descriptor : null;

    /// <summary>The activity for a type key; throws when unknown.</summary>
    public IActivity Get(string type) => Find(type) ?? throw new InvalidOperationException($"Unknown activity type '{type}'.");

    private static ActivityDescriptor Describe(IActivity activity)
    {
        var attr = activity.GetType().GetCustomAttribute<ActivityAttribute>()
                   ?? throw new InvalidOperationException($"{activity.GetType().Name} has no [Activity] attribute.");
        var s = activity.Spec;
        return new ActivityDescriptor(attr.Type, attr.Category, attr.DisplayNameZh, attr.DisplayNameEn,
            attr.DescriptionZh, attr.DescriptionEn, s.Inputs, s.Outcomes, s.OutcomesFromInput, s.IsWaiting, s.IsStart, s.IsTerminal);
    }
}
