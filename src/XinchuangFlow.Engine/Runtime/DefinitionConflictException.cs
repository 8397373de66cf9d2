using XinchuangFlow.Engine.Abstractions;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>Someone saved or published the definition after the caller opened it (maps to 409); nothing was saved.</summary>
public sealed class DefinitionConflictException(string definitionId, DefinitionRecord? latest)
    : StateConflictException(latest is null
        ? Problem.Of(EngineProblems.DefinitionDeleted, null, $"Workflow definition '{definitionId}' was deleted since you opened it.", ("definition", definitionId))
        : Problem.Of(EngineProblems.DefinitionChanged, null,
            $"Workflow definition '{definitionId}' changed since you opened it: version {latest.Version} ({latest.Status}) was saved by {latest.CreatedBy ?? "someone"} at {latest.CreatedAt.ToOffset(ChinaOffset):yyyy-MM-dd HH:mm} (UTC+8). Reload it, or save yours as a copy.",
            ("definition", definitionId), ("version", latest.Version), ("status", latest.Status), ("user", latest.CreatedBy), ("at", latest.CreatedAt)), "definition-conflict")
{
    /// <summary>China time, in which every time a person reads is given (the engine references no domain, so it names the offset itself).</summary>
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public DefinitionRecord? Latest { get; } = latest;
}
