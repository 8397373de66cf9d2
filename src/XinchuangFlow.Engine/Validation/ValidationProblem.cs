namespace XinchuangFlow.Engine.Validation;

/// <summary>One problem found in a definition; <see cref="ActivityId"/> names the activity when there is one.</summary>
public sealed record ValidationProblem(string Code, string? ActivityId, string Message)
{
    public override string ToString() => ActivityId is null ? $"[{Code}] {Message}" : $"[{Code}] {ActivityId}: {Message}";
}
