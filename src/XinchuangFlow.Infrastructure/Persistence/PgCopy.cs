using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// New rows of an entity type written with PostgreSQL's binary <c>COPY</c> on the context's connection (inside its
/// current transaction), bypassing the change tracker. Columns and values come from the EF model: every mapped property,
/// converted to its provider value by the property's own converter — an encrypted column gets the cipher text, as a
/// <c>SaveChanges</c> would write it. Only for rows known to be new (a conflict fails the whole <c>COPY</c>).
/// </summary>
internal static class PgCopy
{
    private sealed record Column(string Name, Func<object, object?> Read);

    public static async Task InsertAsync<T>(XfDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        if (entity.GetComplexProperties().Any() || entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            throw new NotSupportedException($"{typeof(T).Name}: COPY writes plain columns only.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => Of(p, table)).ToList();
        var target = (entity.GetSchema() is { } schema ? Quote(schema) + "." : "") + Quote(table.Name);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {target} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                if (column.Read(row) is { } value) await writer.WriteAsync(value, ct);
                else await writer.WriteNullAsync(ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    private static Column Of(IProperty property, StoreObjectIdentifier table)
    {
        if (property.IsShadowProperty()) throw new NotSupportedException($"{property.Name}: COPY reads CLR properties only.");
        var getter = property.GetGetter();
        var converter = property.GetTypeMapping().Converter;
        // Nulls never reach a converter (as in SaveChanges).
        return new Column(property.GetColumnName(table)!, converter is null
            ? getter.GetClrValue
            : row => getter.GetClrValue(row) is { } v ? converter.ConvertToProvider(v) : null);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
