using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace XinchuangFlow.Infrastructure.Security;

/// <summary>
/// SM4 (GB/T 32907, the national block cipher the commercial-cryptography assessment asks for) in GCM mode with a
/// 128-bit key that lives outside the database: a key file every node of a deployment is given (like a certificate),
/// readable by the service account only. Output: version byte, 12-byte nonce, ciphertext, 16-byte tag — a changed byte
/// fails the tag and is refused, never decrypted into something else.
/// </summary>
public sealed class Sm4Cipher
{
    private const byte Version = 1;
    private readonly byte[] _key;

    public Sm4Cipher(byte[] key)
    {
        if (key.Length != 16) throw new ArgumentException("An SM4 key has 16 bytes.", nameof(key));
        _key = key;
    }

    /// <summary>The key in <paramref name="path"/> (32 hex digits); a new random one is written there when the file does not exist.</summary>
    public static Sm4Cipher FromFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // Created exclusively (O_EXCL): of processes starting at the same moment exactly one writes the key, the others
            // find the file there. (A rename into place cannot promise that: two renames can both pass the check, and the
            // second replaces a key the first process already uses.)
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var stream = new FileStream(path, options);
                stream.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
                stream.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path)) { }
        }
        // A key another process is writing this very moment reads short: wait for it whole (32 hex digits).
        var hex = File.ReadAllText(path).Trim();
        for (var tries = 0; hex.Length < 32 && tries < 100; tries++)
        {
            Thread.Sleep(20);
            hex = File.ReadAllText(path).Trim();
        }
        try { return new Sm4Cipher(Convert.FromHexString(hex)); }
        catch (FormatException) { throw new InvalidOperationException($"The key file {path} must hold 32 hexadecimal digits (an SM4 key)."); }
    }

    /// <summary>The cipher for personal fields in the database, with keys derived from the same key file.</summary>
    public FieldCipher ForFields() => new(_key);

    public byte[] Encrypt(byte[] plain, byte[]? associated = null)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var gcm = Gcm(true, nonce, associated);
        var output = new byte[1 + nonce.Length + gcm.GetOutputSize(plain.Length)];
        output[0] = Version;
        nonce.CopyTo(output, 1);
        var n = gcm.ProcessBytes(plain, 0, plain.Length, output, 1 + nonce.Length);
        gcm.DoFinal(output, 1 + nonce.Length + n);
        return output;
    }

    /// <summary>The plain bytes; <see cref="CryptographicException"/> when the data was changed or another key wrote it.</summary>
    public byte[] Decrypt(byte[] data, byte[]? associated = null)
    {
        if (data.Length < 1 + 12 + 16 || data[0] != Version) throw new CryptographicException("Not SM4 data of this platform.");
        var gcm = Gcm(false, data[1..13], associated);
        var output = new byte[gcm.GetOutputSize(data.Length - 13)];
        try
        {
            var n = gcm.ProcessBytes(data, 13, data.Length - 13, output, 0);
            n += gcm.DoFinal(output, n);
            return output[..n];
        }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException e)
        {
            throw new CryptographicException("The SM4 data was changed, or another key encrypted it.", e);
        }
    }

    private GcmBlockCipher Gcm(bool encrypt, byte[] nonce, byte[]? associated)
    {
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(encrypt, new AeadParameters(new KeyParameter(_key), 128, nonce, associated));
        return gcm;
    }
}
