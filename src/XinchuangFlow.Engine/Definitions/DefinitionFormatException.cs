namespace XinchuangFlow.Engine.Definitions;

/// <summary>The definition document could not be read at all (the reason is in the English message).</summary>
public sealed class DefinitionFormatException(string message, Exception? inner = null)
    : XfException(ProblemKind.Invalid, Runtime.EngineProblems.DefinitionFormat, message, [Problem.Of(Runtime.EngineProblems.DefinitionFormat, null, message)], inner);
