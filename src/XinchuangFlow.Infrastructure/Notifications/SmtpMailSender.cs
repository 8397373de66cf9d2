using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using XinchuangFlow.Application.Notifications;

namespace XinchuangFlow.Infrastructure.Notifications;

/// <summary>E-mail through an SMTP server with MailKit; the Message-ID is the delivery's, so a resend after a lost answer is recognisable.</summary>
public sealed class SmtpMailSender(IOptions<NotificationOptions> options) : IMessageSender
{
    public string Channel => "email";
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Smtp.Host);

    public async Task SendAsync(Delivery delivery, CancellationToken ct = default)
    {
        var o = options.Value.Smtp;
        var message = new MimeMessage { Subject = delivery.Subject, MessageId = $"{delivery.Id:N}@xinchuangflow" };
        message.From.Add(new MailboxAddress(o.FromName, o.From));
        message.To.Add(MailboxAddress.Parse(delivery.Address));
        message.Body = new TextPart("plain") { Text = delivery.Body ?? delivery.Subject };
        if (delivery.InReplyTo is { Length: > 0 } answered)
        {
            message.InReplyTo = answered;
            message.References.Add(answered);
        }
        using var client = new SmtpClient { Timeout = 15_000 };
        await client.ConnectAsync(o.Host ?? throw new InvalidOperationException("No SMTP host is configured."), o.Port, Enum.Parse<SecureSocketOptions>(o.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(o.User)) await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
