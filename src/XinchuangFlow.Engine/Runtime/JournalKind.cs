namespace XinchuangFlow.Engine.Runtime;

/// <summary>Kinds of journal entries.</summary>
public enum JournalKind { InstanceStarted, ActivityExecuted, ActivityWaiting, ActivityResumed, VariableChanged, TaskCompleted, Incident, InstanceFinished, InstanceCancelled, InstanceMigrated, Retried, Amended, ChildCancelled, TaskWithdrawn, SignalKept }
