using System.Threading.Channels;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// Group commit for the engine's burst commits. While one transaction is being written, bursts from other
/// callers queue up; the next transaction writes all of them at once. A caller alone is written at once, so
/// there is no batching delay. When a grouped transaction fails a guard (a concurrent change or a task already
/// completed), nothing of it is kept and each caller's bursts are written again on their own, so every caller
/// gets exactly the answer it would have had alone.
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private sealed record Pending(IReadOnlyList<BurstChanges> Bursts, TaskCompletionSource Done);

    private readonly Func<IReadOnlyList<BurstChanges>, CancellationToken, Task> _write;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _writers;
    private readonly int _maxBursts;

    public GroupCommitter(Func<IReadOnlyList<BurstChanges>, CancellationToken, Task> write, int writers, int maxBursts)
    {
        _write = write;
        _maxBursts = maxBursts;
        _writers = Enumerable.Range(0, Math.Max(1, writers)).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    public Task CommitAsync(IReadOnlyList<BurstChanges> bursts)
    {
        var pending = new Pending(bursts, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommitter));
        return pending.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            var count = 0;
            while (count < _maxBursts && _queue.Reader.TryRead(out var p))
            {
                group.Add(p);
                count += p.Bursts.Count;
            }
            if (group.Count == 0) continue;
            if (group.Count == 1)
            {
                await WriteAloneAsync(group[0]);
                continue;
            }
            try
            {
                await _write(group.SelectMany(p => p.Bursts).ToList(), CancellationToken.None);
                foreach (var p in group) p.Done.TrySetResult();
            }
            catch (Exception ex) when (ex is ConcurrencyConflictException or TaskAlreadyCompletedException)
            {
                foreach (var p in group) await WriteAloneAsync(p);
            }
            catch (Exception ex)
            {
                foreach (var p in group) p.Done.TrySetException(ex);
            }
        }
    }

    private async Task WriteAloneAsync(Pending p)
    {
        try
        {
            await _write(p.Bursts, CancellationToken.None);
            p.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            p.Done.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }
}
