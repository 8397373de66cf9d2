namespace XinchuangFlow.Engine.Abstractions;

/// <summary>An expression failed to parse or run, or broke a sandbox limit.</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);
