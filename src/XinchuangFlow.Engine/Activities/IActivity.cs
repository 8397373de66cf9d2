using System.Text.Json.Nodes;
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

/// <summary>What an activity class declares about itself besides its attribute.</summary>
public sealed record ActivitySpec(
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<string> Outcomes,
    bool IsWaiting = false,
    bool IsStart = false,
    bool IsTerminal = false,
    string? OutcomesFromInput = null);

/// <summary>The result of running or resuming an activity.</summary>
public abstract record ActivityResult
{
    /// <summary>Continue along the given outcome ports.</summary>
    public static ActivityResult Done(params string[] outcomes) => new Completed(outcomes);

    /// <summary>The activity created its bookmark(s) and waits.</summary>
    public static readonly ActivityResult Wait = new Waiting();

    /// <summary>This path ends here (no outgoing flow).</summary>
    public static readonly ActivityResult EndPath = new Completed([]);

    /// <summary>Completed with outcomes.</summary>
    public sealed record Completed(IReadOnlyList<string> Outcomes) : ActivityResult;

    /// <summary>Waiting on bookmarks.</summary>
    public sealed record Waiting : ActivityResult;

    /// <summary>Ends the whole instance, cancelling every other wait.</summary>
    public sealed record Terminate : ActivityResult;
}

/// <summary>What resumed a bookmark.</summary>
public sealed record ResumeStimulus(Bookmark Bookmark, string? Outcome, JsonNode? Payload, string? User);

/// <summary>
/// An activity whose human task has rules on the data it is completed with beyond its form (e.g. a low rating needs a
/// comment). The runtime asks it before any completion, whoever completes the task and through whichever way in.
/// </summary>
public interface ITaskCompletionRules
{
    /// <summary>Problems by field name; empty when the completion is acceptable.</summary>
    IReadOnlyDictionary<string, string[]> CheckCompletion(HumanTask task, string outcome, JsonObject data);
}

/// <summary>
/// An activity that collects arrivals in its state before it continues (a join). The runtime uses it to tell a flow
/// that finished from one that can no longer progress because a merge waits for a branch that will never come.
/// </summary>
public interface IMergeActivity
{
    /// <summary>True when the stored state holds arrivals that wait for more.</summary>
    bool IsWaitingForMore(JsonNode? state);

    /// <summary>
    /// For a synchronising merge: true when, with nothing upstream still alive, the merge should fire on the arrivals it
    /// holds. The runtime then runs the activity again with <see cref="ActivityContext.FromActivityId"/> = <see cref="Recheck"/>.
    /// </summary>
    bool FiresWhenUpstreamIsDone(ActivityModel model) => false;

    /// <summary>The <c>FromActivityId</c> of a re-check run.</summary>
    public const string Recheck = "$recheck";
}
