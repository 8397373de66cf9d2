using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Activities;

/// <summary>
/// An activity implementation. Instances are stateless singletons: all state lives in the
/// <see cref="ActivityContext"/> (variables, activity state, bookmarks).
/// </summary>
public interface IActivity
{
    /// <summary>Inputs, outcomes and behaviour flags; the type key and names come from <see cref="ActivityAttribute"/>.</summary>
    ActivitySpec Spec { get; }

    /// <summary>Runs the activity when the flow reaches it.</summary>
    ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>Runs when a bookmark this activity created is resumed.</summary>
    ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeStimulus stimulus) =>
        throw new InvalidOperationException($"Activity type {context.Activity.Type} does not wait and cannot be resumed.");

    /// <summary>Outcomes for a particular configured activity (dynamic ones, e.g. UserTask outcomes).</summary>
    IReadOnlyList<string> GetOutcomes(ActivityModel model) => Spec.Outcomes;

    /// <summary>
    /// Ports that may be connected but need not be (a user task's "withdrawn" and "overdue"): when one is taken and
    /// not connected, that path ends there.
    /// </summary>
    IReadOnlyList<string> GetOptionalOutcomes(ActivityModel model) => [];

    /// <summary>Extra checks on a configured activity; each message names the problem.</summary>
    IEnumerable<string> Validate(ActivityModel model) => [];
}
