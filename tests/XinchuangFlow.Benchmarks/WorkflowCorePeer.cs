using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace XinchuangFlow.Benchmarks;

/// <summary>WorkflowCore 3.22 with its in-memory provider running the same shape of flow.</summary>
internal static class WorkflowCorePeer
{
    public static int Waiting;
    public static int Finished;

    public sealed class Data
    {
        public int A { get; set; }
        public string? B { get; set; }
        public string Key { get; set; } = "";
    }

    public sealed class Step : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            var data = (Data)context.Workflow.Data;
            data.A++;
            data.B = "step " + data.A;
            return ExecutionResult.Next();
        }
    }

    public sealed class ReachedTask : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            Interlocked.Increment(ref Waiting);
            return ExecutionResult.Next();
        }
    }

    public sealed class Done : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            Interlocked.Increment(ref Finished);
            return ExecutionResult.Next();
        }
    }

    public sealed class FiveStep : IWorkflow<Data>
    {
        public string Id => "five-step";
        public int Version => 1;

        public void Build(IWorkflowBuilder<Data> builder) => builder
            .StartWith<Step>().Then<Step>().Then<ReachedTask>()
            .WaitFor("approve", d => d.Key)
            .Then<Step>().Then<Step>().Then<Done>();
    }

    public static async Task<Pair> RunAsync(int n)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow();
        await using var sp = services.BuildServiceProvider();
        var host = sp.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<FiveStep, Data>();
        await host.StartAsync(CancellationToken.None);
        try
        {
            await RoundAsync(host, 300, "warm");
            Waiting = Finished = 0;
            return await RoundAsync(host, n, "run");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<Pair> RoundAsync(IWorkflowHost host, int n, string prefix)
    {
        Waiting = Finished = 0;
        var w1 = await Clock.TimeAsync(async () =>
        {
            for (var i = 0; i < n; i++) await host.StartWorkflow("five-step", 1, new Data { Key = $"{prefix}-{i}" });
            await Until(() => Volatile.Read(ref Waiting) >= n);
        });
        // An event published before the instance subscribed would be kept and matched later, but give the
        // subscriptions a moment so W2 measures completion, not subscription.
        await Task.Delay(500);
        var w2 = await Clock.TimeAsync(async () =>
        {
            for (var i = 0; i < n; i++) await host.PublishEvent("approve", $"{prefix}-{i}", "ok");
            await Until(() => Volatile.Read(ref Finished) >= n);
        });
        return new Pair(new Measurement(n, w1, 0), new Measurement(n, w2, 0));
    }

    private static async Task Until(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("WorkflowCore did not finish in 10 minutes");
            await Task.Delay(1);
        }
    }
}
