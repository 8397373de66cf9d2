using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace XinchuangFlow.Benchmarks;

/// <summary>
/// Writes many rows of one entity straight through the connection — multi-row INSERTs built from the EF Core model (the
/// table, its columns, each property's type mapping with its value converter, so encrypted and converted columns are
/// stored exactly as EF Core stores them), in one transaction per call, with no change tracking and no interceptors.
/// For filling a benchmark's history fast; the application never writes this way.
/// </summary>
public static class BulkWriter
{
    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table), Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping(), Getter: p.GetGetter()))
            .Where(c => c.Column is not null && !c.Property.IsShadowProperty()).ToList();
        // PostgreSQL takes up to 65,535 parameters a statement: many rows each. SQLite looks a parameter's name up by a
        // linear search, so a wide statement costs the square of its parameters: one row a statement, prepared once.
        var perStatement = db.Database.ProviderName?.Contains("Sqlite") == true ? 1 : Math.Max(1, 30_000 / columns.Count);
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column!)))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        for (var from = 0; from < rows.Count; from += perStatement)
        {
            var n = Math.Min(perStatement, rows.Count - from);
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            var text = new StringBuilder(head);
            var p = 0;
            for (var r = from; r < from + n; r++)
            {
                text.Append(r == from ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++, p++)
                {
                    var name = $"p{p}";
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                    var column = columns[c];
                    command.Parameters.Add(column.Mapping.CreateParameter(command, sql.GenerateParameterName(name), column.Getter.GetClrValue(rows[r]), column.Property.IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }
}
