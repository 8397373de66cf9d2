using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Activities;

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
