using System.Security.Cryptography;
using XinchuangFlow.Infrastructure.Security;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>The SM4 field cipher on its own: deterministic, authenticated, sized, and bound to its key.</summary>
public sealed class FieldCipherTests
{
    private static readonly FieldCipher Cipher = new(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"));
    private static readonly FieldCipher OtherKey = new(Convert.FromHexString("00112233445566778899AABBCCDDEEFF"));

    [Fact]
    public void TheSameValue_EncryptsTheSame_AnotherValueDifferently_AndBothComeBack()
    {
        var a = Cipher.Protect("0771-5550101");
        Assert.Equal(a, Cipher.Protect("0771-5550101"));                  // equality lookups work
        Assert.NotEqual(a, Cipher.Protect("0771-5550102"));
        Assert.NotEqual(a, OtherKey.Protect("0771-5550101"));
        Assert.StartsWith(FieldCipher.Prefix, a);
        Assert.DoesNotContain("5550101", a);
        Assert.Equal("0771-5550101", Cipher.Unprotect(a));
        Assert.Equal("", Cipher.Protect(""));
    }

    [Theory]
    [InlineData(30, "1")]
    [InlineData(100, "广")]
    [InlineData(256, "m")]
    [InlineData(100, "𠀀")]     // outside the BMP: 2 UTF-16 units, 4 UTF-8 bytes — still within 3 bytes per character counted
    public void TheLongestValue_FitsTheColumn(int characters, string unit)
    {
        var longest = string.Concat(Enumerable.Repeat(unit, characters / unit.Length));
        var stored = Cipher.Protect(longest);
        Assert.True(stored.Length <= FieldCipher.StoredLength(characters), $"{stored.Length} > {FieldCipher.StoredLength(characters)}");
        Assert.Equal(longest, Cipher.Unprotect(stored));
    }

    [Fact]
    public void AChangedValue_OrAnotherKeysValue_IsRefused_AndAnOldPlainValueIsReadAsItIs()
    {
        var stored = Cipher.Protect("陆工");
        var bytes = Convert.FromBase64String(stored[4..]);
        bytes[^1] ^= 1;
        Assert.Throws<CryptographicException>(() => Cipher.Unprotect("sm4:" + Convert.ToBase64String(bytes)));
        Assert.Throws<CryptographicException>(() => OtherKey.Unprotect(stored));
        Assert.Throws<CryptographicException>(() => Cipher.Unprotect("sm4:not base64!"));
        Assert.Equal("陆工", Cipher.Unprotect("陆工"));
    }

    [Fact]
    public void ManyThreadsAtOnce_ReadAndWriteTheSameAndOtherValues_AndAChangedCopyOfAKnownValueIsStillRefused()
    {
        // The keyed HMAC and SM4 are kept per thread and read values are remembered: neither may mix values up.
        var values = Enumerable.Range(0, 400).Select(i => $"0771-{5550000 + i}").ToArray();
        var stored = values.Select(Cipher.Protect).ToArray();
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % values.Length;
            Assert.Equal(values[k], Cipher.Unprotect(stored[k]));
            Assert.Equal(stored[k], Cipher.Protect(values[k]));
        });
        var bytes = Convert.FromBase64String(stored[7][4..]);
        bytes[^1] ^= 1;
        Assert.Throws<CryptographicException>(() => Cipher.Unprotect("sm4:" + Convert.ToBase64String(bytes)));
        Assert.Throws<CryptographicException>(() => OtherKey.Unprotect(stored[7]));
        Assert.Equal(values[7], Cipher.Unprotect(stored[7]));
    }

    [Fact]
    public void NodesStartingTogether_AllUseTheOneKeyFileThatWasWritten()
    {
        // A fresh install where several processes (or test hosts) start at once: one key is written, all read it whole.
        var folder = Path.Combine(Path.GetTempPath(), "xf-key-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "sm4.key");
        try
        {
            var ciphers = new XinchuangFlow.Infrastructure.Security.Sm4Cipher[16];
            Parallel.For(0, ciphers.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i => ciphers[i] = XinchuangFlow.Infrastructure.Security.Sm4Cipher.FromFile(path));
            var secret = "同一把密钥"u8.ToArray();
            var sealedOnce = ciphers[0].Encrypt(secret);
            Assert.All(ciphers, c => Assert.Equal(secret, c.Decrypt(sealedOnce)));
            Assert.Equal([path], Directory.GetFiles(folder));   // no half-written or temporary file left behind
        }
        finally { Directory.Delete(folder, true); }
    }
}
