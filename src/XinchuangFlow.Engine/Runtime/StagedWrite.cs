namespace XinchuangFlow.Engine.Runtime;

/// <summary>
/// A domain row an activity writes in its burst's transaction. The store maps it by its type (the entity must be in
/// the model). An update whose guard no longer holds fails the whole burst with a concurrency conflict, and the
/// runtime runs the burst again from fresh state.
/// </summary>
public sealed record StagedWrite(object Entity, StagedWriteKind Kind, string? GuardProperty = null, object? GuardValue = null);
