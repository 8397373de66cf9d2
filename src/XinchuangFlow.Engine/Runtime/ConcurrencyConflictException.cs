namespace XinchuangFlow.Engine.Runtime;

/// <summary>The stored instance changed since it was loaded (another node or request won); the message says what, for logs.</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null)
    : StateConflictException(Problem.Of(EngineProblems.ChangedMeanwhile, null, message), "conflict", inner);
