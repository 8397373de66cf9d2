using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace XinchuangFlow.Infrastructure.Security;

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
