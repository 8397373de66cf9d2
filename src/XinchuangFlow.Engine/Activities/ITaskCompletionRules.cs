using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Activities;

/// <summary>
/// An activity whose human task has rules on the data it is completed with beyond its form (e.g. a low rating needs a
/// comment). The runtime asks it before any completion, whoever completes the task and through whichever way in.
/// </summary>
public interface ITaskCompletionRules
{
    /// <summary>The problems, each on its field; empty when the completion is acceptable.</summary>
    IReadOnlyList<Problem> CheckCompletion(HumanTask task, string outcome, JsonObject data);
}
