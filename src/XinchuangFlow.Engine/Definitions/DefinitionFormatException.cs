namespace XinchuangFlow.Engine.Definitions;

/// <summary>The definition document could not be read at all.</summary>
public sealed class DefinitionFormatException(string message, Exception? inner = null)
    : XfException(ProblemKind.Invalid, "definition-format", message, null, inner);
