using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using XinchuangFlow.Infrastructure.Persistence;

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
            // Written whole under another name, then moved into place without overwriting: a process starting at the same
            // moment either wins or reads the winner's key — never an empty or half-written file.
            var temp = $"{path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temp, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { File.Delete(temp); }
        }
        var hex = File.ReadAllText(path).Trim();
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

/// <summary>A data-protection key as stored in the database (encrypted with SM4 before it gets there).</summary>
public sealed class DataProtectionKeyRow
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}

/// <summary>
/// The data-protection key ring in the shared database, so that a cookie or bearer token issued by one node is read by
/// every other: on separate hosts users stay signed in when a node fails.
/// </summary>
public sealed class EfXmlRepository(IDbContextFactory<XfDbContext> factory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = factory.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = factory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKeyRow { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

/// <summary>Encrypts each data-protection key with SM4 before it is stored: the database alone does not give the keys away.</summary>
public sealed class Sm4XmlEncryptor(Sm4Cipher cipher) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement("sm4Encrypted", new XComment(" SM4-GCM, key outside the database (Security:KeyFile) "),
            new XElement("value", Convert.ToBase64String(cipher.Encrypt(plain))));
        return new EncryptedXmlInfo(element, typeof(Sm4XmlDecryptor));
    }
}

/// <summary>Reads keys <see cref="Sm4XmlEncryptor"/> wrote (created by data protection with the service provider).</summary>
public sealed class Sm4XmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var cipher = services.GetRequiredService<Sm4Cipher>();
        var data = Convert.FromBase64String(encryptedElement.Element("value")?.Value ?? throw new CryptographicException("No SM4 value in the key."));
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(cipher.Decrypt(data)));
    }
}
