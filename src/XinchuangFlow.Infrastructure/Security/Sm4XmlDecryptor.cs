using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace XinchuangFlow.Infrastructure.Security;

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
