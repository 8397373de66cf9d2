using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace XinchuangFlow.Infrastructure.Tests.Support;

/// <summary>Counts SaveChanges calls (each is one atomic write) and committed transactions.</summary>
public sealed class CommitCounter : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public int SaveChanges;
    public int Transactions;

    public void Reset() { SaveChanges = 0; Transactions = 0; }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref SaveChanges);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Interlocked.Increment(ref SaveChanges);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref Transactions);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Transactions);
        return Task.CompletedTask;
    }
}
