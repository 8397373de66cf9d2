using System.Security.Cryptography;
using System.Text;
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
    // Keyed once per thread: HMAC keeps its inner and outer pads and resets to them after each value, and SM4 its
    // round keys (measured: keying them again for each value was half the cost of reading a technician list).
    private readonly ThreadLocal<HMac> _mac;
    private readonly ThreadLocal<SM4Engine> _sm4;
    // Values read back often (the technicians of a dispatch, the contacts on an inbox page) are decrypted once: the
    // stored text is deterministic, so the same stored text always means the same plain value, already verified.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _plain = new(StringComparer.Ordinal);
    public const int PlainCacheSize = 50_000;

    public FieldCipher(byte[] masterKey)
    {
        _encryptionKey = Derive(masterKey, "xinchuangflow/field/sm4-ctr")[..16];
        _ivKey = Derive(masterKey, "xinchuangflow/field/siv-hmac-sm3");
        KeyId = Convert.ToHexString(Derive(masterKey, "xinchuangflow/field/key-id")[..6]).ToLowerInvariant();
        _mac = new ThreadLocal<HMac>(() =>
        {
            var hmac = new HMac(new SM3Digest());
            hmac.Init(new KeyParameter(_ivKey));
            return hmac;
        });
        _sm4 = new ThreadLocal<SM4Engine>(() =>
        {
            var engine = new SM4Engine();
            engine.Init(true, new KeyParameter(_encryptionKey));
            return engine;
        });
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
        if (_plain.TryGetValue(stored, out var known)) return known;
        var plainText = Decrypt(stored);
        if (_plain.Count >= PlainCacheSize) _plain.Clear();
        _plain[stored] = plainText;
        return plainText;
    }

    private string Decrypt(string stored)
    {
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
        var hmac = _mac.Value!;
        hmac.BlockUpdate(data, 0, data.Length);
        var full = new byte[hmac.GetMacSize()];
        hmac.DoFinal(full, 0);   // and back to the keyed state for the next value
        return full[..16];
    }

    /// <summary>SM4 in counter mode (big-endian 128-bit counter starting at <paramref name="iv"/>); the same call decrypts.</summary>
    private void Ctr(byte[] iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var engine = _sm4.Value!;
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
