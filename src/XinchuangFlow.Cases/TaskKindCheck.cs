using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities.Builtin;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Cases;

/// <summary>
/// The task kinds of a definition, checked with the engine's other rules (so the designer marks them and publishing
/// is refused): each declared kind is one of the catalogue (<see cref="TaskKinds"/>), belongs to this flow and offers
/// the outcomes its pages complete it with; a case flow (service ticket, complaint) still has every kind its pages
/// need. Problems: <c>task-kind-unknown</c>, <c>task-kind-flow</c>, <c>task-kind-outcome</c>, <c>task-kind-missing</c>.
/// </summary>
public sealed class TaskKindCheck : IDefinitionCheck
{
    public IEnumerable<ValidationProblem> Check(WorkflowDefinitionModel definition)
    {
        var played = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in definition.Activities)
        {
            if (UserTaskActivity.TaskKindOf(activity) is not { } key) continue;
            if (TaskKinds.Find(key) is not { } kind)
            {
                yield return new ValidationProblem("task-kind-unknown", activity.Id, $"task kind '{key}' is not one of {string.Join(", ", TaskKinds.All.Select(k => k.Key))}.", Args(("kind", key)));
                continue;
            }
            if (kind.CaseFlow != definition.DefinitionId)
            {
                yield return new ValidationProblem("task-kind-flow", activity.Id, $"task kind '{key}' belongs to the '{kind.CaseFlow}' flow; its pages do not look for it in '{definition.DefinitionId}'.", Args(("kind", key)));
                continue;
            }
            var offered = UserTaskActivity.OutcomesOf(activity).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var outcome in kind.Outcomes.Where(o => !offered.Contains(o)))
                yield return new ValidationProblem("task-kind-outcome", activity.Id, $"a '{key}' task must offer the outcome '{outcome}' (its pages complete it with that key).", Args(("kind", key), ("port", outcome)));
            played.Add(key);
        }
        foreach (var kind in TaskKinds.NeededBy(definition.DefinitionId).Where(k => !played.Contains(k.Key)))
            yield return new ValidationProblem("task-kind-missing", null, $"no user task plays '{kind.Key}', which the pages of the '{definition.DefinitionId}' flow need; set it as a task's kind.", Args(("kind", kind.Key)));
    }

    private static IReadOnlyDictionary<string, object?> Args(params (string Name, object? Value)[] args) => args.ToDictionary(a => a.Name, a => a.Value);
}
