using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace XinchuangFlow.Infrastructure.Security;

/// <summary>
/// Encrypts personal fields (contacts' names, phone numbers and e-mail addresses) before they reach the database, with
/// SM4 under the key file outside it (<c>Security:KeyFile</c>). Deterministic and authenticated (the SIV construction:
/// the counter-mode IV is an HMAC-SM3 of the value under a second key derived from the same file), so that the same
/// phone number always encrypts to the same text — the hotline still finds a unit by the caller's number with an
/// indexed equality — while nothing but equality is revealed, and a changed or foreign value is refused, never
/// decrypted into something else. Stored form: <c>sm4:</c> + Base64(IV ‖ ciphertext).
/// </summary>
public sealed class FieldCipher
{
    public const string Prefix = "sm4:";
    private readonly byte[] _encryptionKey;
    private readonly byte[] _ivKey;

    public FieldCipher(byte[] masterKey)
    {
        _encryptionKey = Derive(masterKey, "xinchuangflow/field/sm4-ctr")[..16];
        _ivKey = Derive(masterKey, "xinchuangflow/field/siv-hmac-sm3");
        KeyId = Convert.ToHexString(Derive(masterKey, "xinchuangflow/field/key-id")[..6]).ToLowerInvariant();
    }

    /// <summary>Names the key without giving it away (distinguishes models built for different keys).</summary>
    public string KeyId { get; }

    /// <summary>The stored length of a value of at most <paramref name="characters"/> characters (UTF-8 up to 3 bytes each).</summary>
    public static int StoredLength(int characters) => Prefix.Length + 4 * ((16 + 3 * characters + 2) / 3);

    public static bool IsProtected(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string plain)
    {
        if (plain.Length == 0) return plain;
        var bytes = Encoding.UTF8.GetBytes(plain);
        var iv = Mac(bytes);
        var output = new byte[16 + bytes.Length];
        iv.CopyTo(output, 0);
        Ctr(iv, bytes, output.AsSpan(16));
        return Prefix + Convert.ToBase64String(output);
    }

    /// <summary>The plain value; a value stored before encryption was switched on (no prefix) is returned as it is.</summary>
    public string Unprotect(string stored)
    {
        if (!IsProtected(stored)) return stored;
        byte[] data;
        try { data = Convert.FromBase64String(stored[Prefix.Length..]); }
        catch (FormatException e) { throw new CryptographicException("A protected field is not valid Base64.", e); }
        if (data.Length < 16) throw new CryptographicException("A protected field is too short.");
        var plain = new byte[data.Length - 16];
        Ctr(data[..16], data.AsSpan(16), plain);
        if (!CryptographicOperations.FixedTimeEquals(Mac(plain), data.AsSpan(0, 16)))
            throw new CryptographicException("A protected field was changed, or another key (Security:KeyFile) encrypted it.");
        return Encoding.UTF8.GetString(plain);
    }

    private byte[] Mac(byte[] data)
    {
        var hmac = new HMac(new SM3Digest());
        hmac.Init(new KeyParameter(_ivKey));
        hmac.BlockUpdate(data, 0, data.Length);
        var full = new byte[hmac.GetMacSize()];
        hmac.DoFinal(full, 0);
        return full[..16];
    }

    /// <summary>SM4 in counter mode (big-endian 128-bit counter starting at <paramref name="iv"/>); the same call decrypts.</summary>
    private void Ctr(byte[] iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(_encryptionKey));
        var counter = (byte[])iv.Clone();
        var stream = new byte[16];
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            engine.ProcessBlock(counter, 0, stream, 0);
            for (var i = 0; i < 16 && offset + i < input.Length; i++) output[offset + i] = (byte)(input[offset + i] ^ stream[i]);
            for (var i = 15; i >= 0 && ++counter[i] == 0; i--) { }
        }
    }

    private static byte[] Derive(byte[] master, string label)
    {
        var hmac = new HMac(new SM3Digest());
        hmac.Init(new KeyParameter(master));
        var bytes = Encoding.ASCII.GetBytes(label);
        hmac.BlockUpdate(bytes, 0, bytes.Length);
        var output = new byte[hmac.GetMacSize()];
        hmac.DoFinal(output, 0);
        return output;
    }
}

/// <summary>Carries the <see cref="FieldCipher"/> into the DbContext options, where the model reads it.</summary>
public sealed class FieldProtectionExtension(FieldCipher cipher) : IDbContextOptionsExtension
{
    public FieldCipher Cipher { get; } = cipher;
    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);
    public void ApplyServices(IServiceCollection services) { }
    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(FieldProtectionExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "FieldProtection=SM4 ";
        // One internal service provider for every key: the model cache key tells the models apart.
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["FieldProtection:KeyId"] = extension.Cipher.KeyId;
    }
}

/// <summary>Models are cached per key: the value converters hold the key.</summary>
public sealed class KeyedModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, context.GetService<IDbContextOptions>().FindExtension<FieldProtectionExtension>()?.Cipher.KeyId);
}

public static class FieldProtection
{
    /// <summary>Marks a property as encrypted at rest (found again by <see cref="FieldEncryptionSweep"/>).</summary>
    public const string Annotation = "XinchuangFlow:EncryptedAtRest";

    /// <summary>Encrypts the column with <paramref name="cipher"/> (none at design time) and sizes it for the stored form.</summary>
    public static PropertyBuilder<T> Encrypted<T>(this PropertyBuilder<T> property, FieldCipher? cipher, int characters)
    {
        if (typeof(T) != typeof(string)) throw new InvalidOperationException("Only text is encrypted at rest.");
        property.HasMaxLength(FieldCipher.StoredLength(characters)).HasAnnotation(Annotation, true);
        // Nulls never reach a converter: a missing phone number stays NULL.
        if (cipher is not null)
            property.HasConversion(new ValueConverter<string, string>(v => cipher.Protect(v), v => cipher.Unprotect(v)));
        return property;
    }

    public static DbContextOptionsBuilder UseFieldProtection(this DbContextOptionsBuilder builder, FieldCipher cipher)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new FieldProtectionExtension(cipher));
        builder.ReplaceService<IModelCacheKeyFactory, KeyedModelCacheKeyFactory>();
        return builder;
    }
}

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
