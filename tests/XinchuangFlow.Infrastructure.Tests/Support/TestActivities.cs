using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Tests.Support;

/// <summary>Controls <see cref="FlakyActivity"/>: how many more executions fail.</summary>
public sealed class FlakySwitch { public int FailuresLeft; }

/// <summary>Throws while the switch says so: stands in for an activity whose backing service is down.</summary>
[Activity("test.Flaky", "test", "不稳定", "Flaky")]
public sealed class FlakyActivity(FlakySwitch flaky) : IActivity
{
    public ActivitySpec Spec { get; } = new([], ["done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (Interlocked.Decrement(ref flaky.FailuresLeft) >= 0)
            throw new InvalidOperationException("the service behind this activity is down");
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}

/// <summary>Inserts an enterprise row in the burst's transaction (stands in for a domain activity creating a ticket).</summary>
[Activity("test.AddEnterprise", "test", "新增企业", "Add enterprise")]
public sealed class AddEnterpriseActivity : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("name", InputKind.String, "名称", "Name", Required: true)], ["done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.StageInsert(new XinchuangFlow.Domain.Network.Enterprise(Guid.CreateVersion7(), context.GetString("name")!,
            XinchuangFlow.Domain.Network.EnterpriseKind.Integrator, XinchuangFlow.Domain.Network.ShortlistStatus.Active));
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}

/// <summary>What another node does between a domain activity's read and its write (test hook).</summary>
public sealed class Interference { public Func<Task>? BetweenReadAndWrite; public int Runs; }

/// <summary>Suspends an enterprise with a guarded update on the status it read.</summary>
[Activity("test.SuspendEnterprise", "test", "暂停企业", "Suspend enterprise")]
public sealed class SuspendEnterpriseActivity(XinchuangFlow.Domain.Network.INetworkRepository network, Interference interference) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("name", InputKind.String, "名称", "Name", Required: true)], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = context.GetString("name");
        var enterprise = (await network.EnterprisesAsync()).Single(e => e.Name == name);
        Interlocked.Increment(ref interference.Runs);
        if (interference.BetweenReadAndWrite is { } hook) await hook();
        context.StageUpdate(enterprise with { Status = XinchuangFlow.Domain.Network.ShortlistStatus.Suspended }, "Status", enterprise.Status);
        return ActivityResult.Done("done");
    }
}
