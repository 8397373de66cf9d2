using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>What an amendment (<see cref="WorkflowRuntime.AmendAsync"/>) may change on a waiting instance.</summary>
public sealed class InstanceAmendment : IBurstWork
{
    private readonly Burst _burst;

    internal InstanceAmendment(Burst burst, CancellationToken cancellation)
    {
        _burst = burst;
        Cancellation = cancellation;
    }

    public WorkflowInstance Instance => _burst.Instance;
    public DateTimeOffset Now => _burst.Now;
    public string? User => _burst.User;
    public CancellationToken Cancellation { get; }
    /// <summary>Scratch shared with the activities the amendment wakes (see <see cref="ActivityContext.Items"/>).</summary>
    public BurstItems Items => _burst.Items;

    /// <summary>Sets a variable (journaled with old and new value).</summary>
    public void SetVariable(string name, JsonNode? value) => _burst.SetVariable("(amendment)", name, value);

    /// <summary>Moves an open task to another user; committed only while the task is still open.</summary>
    public void ReassignTask(Guid taskId, string user) => _burst.Changes.ReassignedTasks.Add((taskId, user));

    /// <summary>Wakes this instance's branches waiting on <paramref name="signal"/> once the amendment is applied.</summary>
    public void RaiseLocalSignal(string signal) => _burst.RaiseLocalSignal(signal, null);

    public void StageInsert(object entity) => _burst.Stage(new StagedWrite(entity, StagedWriteKind.Insert));

    public void StageUpdate(object entity, string guardProperty, object? expectedValue) =>
        _burst.Stage(new StagedWrite(entity, StagedWriteKind.Update, guardProperty, expectedValue));
}
