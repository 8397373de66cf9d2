namespace XinchuangFlow.Engine.Runtime;

/// <summary>The stored instance changed since it was loaded (another node or request won).</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : StateConflictException(message, "conflict", inner);
