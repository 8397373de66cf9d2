namespace XinchuangFlow.Application.Mail;

/// <summary>Reads a raw message (the MIME reader in the infrastructure).</summary>
public interface IMailReader
{
    InboundMail Read(byte[] raw);
}
