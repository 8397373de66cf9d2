namespace XinchuangFlow.Engine.Runtime;

/// <summary>An input could not be read (bad expression result, wrong type, sandbox limit).</summary>
public sealed class ActivityInputException(string activityId, string input, string message, Exception? inner = null)
    : Exception($"Activity '{activityId}', input '{input}': {message}", inner)
{
    public string ActivityId { get; } = activityId;
    public string Input { get; } = input;
}
