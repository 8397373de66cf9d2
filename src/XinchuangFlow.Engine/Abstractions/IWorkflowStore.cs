namespace XinchuangFlow.Engine.Abstractions;

/// <summary>Everything the runtime persists, by role; a store implements all four.</summary>
public interface IWorkflowStore : IDefinitionStore, IInstanceStore, ITaskStore, ITimerStore;
