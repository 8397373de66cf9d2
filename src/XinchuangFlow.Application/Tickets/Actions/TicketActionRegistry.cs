using System.Text.RegularExpressions;

namespace XinchuangFlow.Application.Tickets.Actions;

/// <summary>
/// The ticket actions of this installation, in the order the ticket page shows them. Built from DI (every registered
/// <see cref="ITicketAction"/>): the shipped ones (<see cref="Shipped"/>), then any a host or a test adds with
/// <c>AddSingleton&lt;ITicketAction, …&gt;()</c>.
/// </summary>
public sealed partial class TicketActionRegistry
{
    private readonly Dictionary<string, ITicketAction> _byKey = new(StringComparer.Ordinal);

    /// <summary>The shipped actions, registered in this order.</summary>
    public static IReadOnlyList<Type> Shipped { get; } = [typeof(RedispatchAction), typeof(GradeOverrideAction), typeof(SetOutAction)];

    public TicketActionRegistry(IEnumerable<ITicketAction> actions)
    {
        All = actions.ToList();
        foreach (var action in All)
        {
            if (!KeyPattern().IsMatch(action.Key))
                throw new ArgumentException($"The ticket action key '{action.Key}' must be lower case letters, digits and dashes.", nameof(actions));
            if (!_byKey.TryAdd(action.Key, action)) throw new ArgumentException($"The ticket action '{action.Key}' is registered twice.", nameof(actions));
            if (action.Fields.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new ArgumentException($"The ticket action '{action.Key}' declares the field '{twice.Key}' twice.", nameof(actions));
        }
    }

    public IReadOnlyList<ITicketAction> All { get; }
    public IReadOnlyList<string> Keys => All.Select(a => a.Key).ToList();

    public ITicketAction? Find(string key) => _byKey.GetValueOrDefault(key);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex KeyPattern();
}
