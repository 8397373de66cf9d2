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
