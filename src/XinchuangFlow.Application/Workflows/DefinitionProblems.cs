namespace XinchuangFlow.Application.Workflows;

/// <summary>Problem codes of creating and saving definitions (<see cref="DefinitionAppService"/>); the engine's own are <see cref="Engine.Runtime.EngineProblems"/>.</summary>
[ProblemCodes]
public static class DefinitionProblems
{
    /// <summary>Arguments: field (definitionId).</summary>
    public const string IdFormat = "definition-id-format";
    /// <summary>Arguments: field (name).</summary>
    public const string NameMissing = "definition-name-missing";
    /// <summary>Arguments: field (definition), document (the id the document names), id (the id it is saved as).</summary>
    public const string IdMismatch = "definition-id-mismatch";
}
