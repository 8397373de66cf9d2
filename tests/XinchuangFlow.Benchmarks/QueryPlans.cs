using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace XinchuangFlow.Benchmarks;

/// <summary>Keeps the text and parameters of the reads issued while <see cref="Capturing"/> is on (to print their plans).</summary>
public sealed class QueryCapture : DbCommandInterceptor
{
    public bool Capturing;
    public List<(string Sql, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Capturing) Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        if (Capturing) Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
        return ValueTask.FromResult(result);
    }
}
