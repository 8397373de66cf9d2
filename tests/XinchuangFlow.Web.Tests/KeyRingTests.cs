using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Security;

namespace XinchuangFlow.Web.Tests;

/// <summary>A node of a deployment: a database and an SM4 key file it shares with the other nodes.</summary>
public sealed class NodeFactory(string database, string keyFile) : WebAppFactory
{
    protected override (string Provider, string ConnectionString) Database() => ("Sqlite", $"Data Source={database}");
    protected override string KeyFile() => keyFile;
}

/// <summary>
/// OPS-3: the data-protection key ring is shared through the database, so a token one node issued is read by another;
/// its keys are stored SM4-encrypted under a key file outside the database, so the database alone gives none away.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xf-ring-" + Guid.NewGuid().ToString("N"));
    private readonly List<WebAppFactory> _nodes = [];

    public KeyRingTests() => Directory.CreateDirectory(_folder);

    private NodeFactory Node(string keyFile)
    {
        var node = new NodeFactory(Path.Combine(_folder, "shared.db"), Path.Combine(_folder, keyFile));
        _nodes.Add(node);
        return node;
    }

    [Fact]
    public async Task ATokenFromOneNode_WorksOnAnother_AndTheStoredKeysAreUnreadableWithoutTheKeyFile()
    {
        var a = Node("cluster.key");
        var fromA = await a.LoginAsync(ForeignTenant.Admin, ForeignTenant.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await fromA.GetAsync("/api/tasks")).StatusCode);
        var token = fromA.DefaultRequestHeaders.Authorization!;

        // Another node (its own process state, the same database and key file) reads the token.
        var b = Node("cluster.key");
        var onB = b.CreateClient();
        onB.DefaultRequestHeaders.Authorization = token;
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/tasks")).StatusCode);

        // In the database the keys are SM4 ciphertext; another key file cannot decrypt them.
        string sealedKey;
        await using (var db = await a.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            var rows = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Contains("sm4Encrypted", r.Xml));
            Assert.All(rows, r => Assert.DoesNotContain("masterKey", r.Xml));
            sealedKey = System.Xml.Linq.XElement.Parse(rows[0].Xml).Descendants("value").First().Value;
        }
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() =>
            new Sm4Cipher(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).Decrypt(Convert.FromBase64String(sealedKey)));
        // A node given another key file does not start at all (it could read neither the key ring nor the personal
        // fields), and says which setting is wrong.
        var stranger = Node("other.key");
        var refused = Assert.ThrowsAny<Exception>(() => stranger.CreateClient());
        Assert.Contains("another key than this node's Security:KeyFile", Flatten(refused));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    [Fact]
    public void Sm4_RoundTrips_RefusesAChangedByte_AndAnotherKey_AndIsTheNationalCipher()
    {
        var key = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        var cipher = new Sm4Cipher(key);
        var secret = "联系人电话 13977100001"u8.ToArray();
        var sealedData = cipher.Encrypt(secret);
        Assert.Equal(secret, cipher.Decrypt(sealedData));
        Assert.NotEqual(cipher.Encrypt(secret), sealedData);                   // a fresh nonce each time
        var changed = (byte[])sealedData.Clone();
        changed[^20] ^= 1;
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => cipher.Decrypt(changed));
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => new Sm4Cipher(new byte[16]).Decrypt(sealedData));
        // GB/T 32907-2016, example 1: the engine under the GCM mode is SM4.
        var engine = new Org.BouncyCastle.Crypto.Engines.SM4Engine();
        engine.Init(true, new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key));
        var block = new byte[16];
        engine.ProcessBlock(key, 0, block, 0);
        Assert.Equal("681EDF34D206965E86B3E94F536E4246", Convert.ToHexString(block));
        // A key file is created once (owner-only) and read back the same.
        var path = Path.Combine(_folder, "new.key");
        var first = Sm4Cipher.FromFile(path);
        Assert.Equal(secret, Sm4Cipher.FromFile(path).Decrypt(first.Encrypt(secret)));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
