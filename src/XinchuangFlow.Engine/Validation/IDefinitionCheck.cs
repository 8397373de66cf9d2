using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Engine.Validation;

/// <summary>
/// A host's own rule on definitions (registered in DI), run by <see cref="DefinitionValidator"/> after the engine's
/// rules, so its problems mark the canvas and refuse publishing like the engine's. The engine knows no case flows:
/// which parts a host's pages need a flow's tasks to play is the host's to check.
/// </summary>
public interface IDefinitionCheck
{
    IEnumerable<ValidationProblem> Check(WorkflowDefinitionModel definition);
}
