using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Tests.Support;

/// <summary>Decorates the real store and "crashes" (throws) on a chosen commit: a process dying mid-way.</summary>
public sealed class CrashSwitch { public int CrashOnCommit = -1; public int Commits; }

public sealed class CrashingStoreDecorator
{
    public static IWorkflowStore Wrap(IWorkflowStore inner, CrashSwitch crash) =>
        ((Proxy)(object)System.Reflection.DispatchProxy.Create<IWorkflowStore, Proxy>()).With(inner, crash);

    public class Proxy : System.Reflection.DispatchProxy
    {
        private IWorkflowStore _inner = null!;
        private CrashSwitch _crash = null!;

        internal IWorkflowStore With(IWorkflowStore inner, CrashSwitch crash)
        {
            _inner = inner;
            _crash = crash;
            return (IWorkflowStore)(object)this;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(IWorkflowStore.CommitAsync) && Interlocked.Increment(ref _crash.Commits) == _crash.CrashOnCommit)
                return Task.FromException(new IOException("simulated crash: the process died before this commit"));
            try { return method.Invoke(_inner, args); }
            catch (System.Reflection.TargetInvocationException ex) { throw ex.InnerException!; }
        }
    }
}
