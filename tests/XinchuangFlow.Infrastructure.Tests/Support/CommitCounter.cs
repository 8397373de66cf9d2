using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace XinchuangFlow.Infrastructure.Tests.Support;

/// <summary>
/// Counts commits seen by EF Core: committed transactions (explicit ones and SaveChanges' own) plus statements
/// that ran outside any transaction (each of those commits by itself).
/// </summary>
public sealed class CommitCounter : DbCommandInterceptor, IDbTransactionInterceptor
{
    private int _transactions;
    private int _autocommits;

    public int Total => Volatile.Read(ref _transactions) + Volatile.Read(ref _autocommits);

    public void Reset() { _transactions = 0; _autocommits = 0; }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null) Interlocked.Increment(ref _autocommits);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _transactions);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _transactions);
        return Task.CompletedTask;
    }
}
