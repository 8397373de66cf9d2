using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Activities;

/// <summary>Reads an input of kind <see cref="InputKind.Outcomes"/> (keys with display names), for designers and inboxes.</summary>
public static class OutcomeList
{
    public static IReadOnlyList<TaskOutcome> Read(ActivityModel model, string input) => Builtin.Names.OutcomesFromInput(model, input);
}
