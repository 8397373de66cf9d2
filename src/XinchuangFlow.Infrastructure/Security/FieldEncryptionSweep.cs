using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace XinchuangFlow.Infrastructure.Security;

/// <summary>
/// Encrypts values written before encryption was switched on (or by a node of an older version during a rolling
/// upgrade): every encrypted column is read raw, and a value without the <c>sm4:</c> prefix is written back encrypted.
/// Runs at start-up; idempotent, and harmless when two nodes run it at once (the encryption is deterministic).
/// </summary>
public static class FieldEncryptionSweep
{
    public static async Task<int> RunAsync(DbContext db, CancellationToken ct = default)
    {
        var cipher = db.GetService<IDbContextOptions>().FindExtension<FieldProtectionExtension>()?.Cipher;
        if (cipher is null) return 0;
        var sql = db.GetService<ISqlGenerationHelper>();
        var changed = 0;
        foreach (var type in db.Model.GetEntityTypes())
        {
            var columns = type.GetProperties().Where(p => p.FindAnnotation(FieldProtection.Annotation) is not null).ToList();
            if (columns.Count == 0 || type.GetTableName() is not { } tableName || type.FindPrimaryKey()?.Properties is not [var key]) continue;
            var store = StoreObjectIdentifier.Table(tableName, type.GetSchema());
            string Col(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(store)!);
            var table = sql.DelimitIdentifier(tableName, type.GetSchema());
            var legacy = string.Join(" OR ", columns.Select(c => $"({Col(c)} <> '' AND {Col(c)} NOT LIKE 'sm4:%')"));
            var rows = new List<(object Key, string?[] Values)>();
            var connection = db.Database.GetDbConnection();
            var opened = connection.State != System.Data.ConnectionState.Open;
            if (opened) await connection.OpenAsync(ct);
            try
            {
                // A node started with another key file would show nothing it could read, and write values the others
                // cannot: it refuses to start instead, saying which setting is wrong.
                await using (var probe = connection.CreateCommand())
                {
                    probe.CommandText = $"SELECT {string.Join(", ", columns.Select(Col))} FROM {table} WHERE {string.Join(" OR ", columns.Select(c => $"{Col(c)} LIKE 'sm4:%'"))}";
                    await using var reader = await probe.ExecuteReaderAsync(ct);
                    if (await reader.ReadAsync(ct))
                    {
                        var sample = Enumerable.Range(0, columns.Count).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).First(FieldCipher.IsProtected)!;
                        try { cipher.Unprotect(sample); }
                        catch (CryptographicException e)
                        {
                            throw new InvalidOperationException(
                                $"The personal fields of {tableName} were encrypted with another key than this node's Security:KeyFile (key id {cipher.KeyId}). "
                                + "Start every node with the deployment's key file; nothing was changed.", e);
                        }
                    }
                }
                await using (var select = connection.CreateCommand())
                {
                    select.CommandText = $"SELECT {Col(key)}, {string.Join(", ", columns.Select(Col))} FROM {table} WHERE {legacy}";
                    await using var reader = await select.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                        rows.Add((reader.GetValue(0), columns.Select((_, i) => reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1)).ToArray()));
                }
                foreach (var batch in rows.Chunk(500))
                {
                    await using var tx = await connection.BeginTransactionAsync(ct);
                    foreach (var (rowKey, values) in batch)
                    {
                        await using var update = connection.CreateCommand();
                        update.Transaction = tx;
                        update.CommandText = $"UPDATE {table} SET {string.Join(", ", columns.Select((c, i) => $"{Col(c)} = {sql.GenerateParameterNamePlaceholder("p" + i)}"))} WHERE {Col(key)} = {sql.GenerateParameterNamePlaceholder("k")}";
                        for (var i = 0; i < columns.Count; i++)
                            Add(update, sql.GenerateParameterName("p" + i), values[i] is { Length: > 0 } v && !FieldCipher.IsProtected(v) ? cipher.Protect(v) : values[i]);
                        Add(update, sql.GenerateParameterName("k"), rowKey);
                        await update.ExecuteNonQueryAsync(ct);
                    }
                    await tx.CommitAsync(ct);
                }
            }
            finally
            {
                if (opened) await connection.CloseAsync();
            }
            changed += rows.Count;
        }
        return changed;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }
}
