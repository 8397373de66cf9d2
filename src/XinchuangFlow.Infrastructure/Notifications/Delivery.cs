using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using XinchuangFlow.Application.Notifications;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Notifications;

/// <summary>Where e-mail and SMS go (<c>Notifications</c> in the configuration).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";
    /// <summary>How often a node looks for notifications to hand over and deliveries due; 0 turns delivery off on this node.</summary>
    public int PollSeconds { get; set; } = 10;
    public SmtpOptions Smtp { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 25;
        /// <summary>None, StartTls or SslOnConnect.</summary>
        public string Security { get; set; } = "None";
        public string? User { get; set; }
        public string? Password { get; set; }
        public string From { get; set; } = "xinchuangflow@localhost";
        public string FromName { get; set; } = "信创服务保障平台";
    }

    /// <summary>
    /// An HTTP SMS gateway, as Chinese government SMS platforms offer: a POST to <see cref="Url"/> with a JSON body from
    /// <see cref="Template"/>, where {phone}, {text} and {id} are replaced (JSON-escaped); any 2xx answer is acceptance.
    /// </summary>
    public sealed class SmsOptions
    {
        public string? Url { get; set; }
        public string Template { get; set; } = """{"mobile":"{phone}","content":"{text}","requestId":"{id}"}""";
        public string? Signature { get; set; } = "【信创服务保障】";
    }
}

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

/// <summary>SMS through an HTTP gateway (see <see cref="NotificationOptions.SmsOptions"/>).</summary>
public sealed class HttpSmsGateway(IHttpClientFactory http, IOptions<NotificationOptions> options) : IMessageSender
{
    public string Channel => "sms";
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Sms.Url);

    public async Task SendAsync(Delivery delivery, CancellationToken ct = default)
    {
        var o = options.Value.Sms;
        static string Escape(string s) => JsonValue.Create(s)!.ToJsonString()[1..^1];
        var text = $"{o.Signature}{delivery.Subject}";
        var body = o.Template.Replace("{phone}", Escape(delivery.Address)).Replace("{text}", Escape(text)).Replace("{id}", delivery.Id.ToString("N"));
        using var client = http.CreateClient("sms");
        using var response = await client.PostAsync(o.Url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"The SMS gateway answered {(int)response.StatusCode}.");
    }
}

/// <summary>The deliveries table on EF Core; hand-over and leases are compare-and-set updates, so nodes never share a message.</summary>
public sealed class EfDeliveryStore(IDbContextFactory<XfDbContext> factory) : IDeliveryStore
{
    private static readonly string[] Outbound = ["email", "sms"];

    public async Task<IReadOnlyList<Notification>> PendingNotificationsAsync(int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking().Where(n => n.DeliveredAt == null && Outbound.Contains(n.Channel)).OrderBy(n => n.CreatedAt).Take(take).ToListAsync(ct);
    }

    public async Task<bool> HandOverAsync(Guid notificationId, IReadOnlyList<Delivery> deliveries, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Notifications.Where(n => n.Id == notificationId && n.DeliveredAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.DeliveredAt, now), ct);
        if (claimed == 0) return false;
        db.Deliveries.AddRange(deliveries);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<Delivery>> LeaseDueAsync(DateTimeOffset now, TimeSpan lease, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var due = await db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .OrderBy(d => d.NextAttemptAt).Take(take).ToListAsync(ct);
        var mine = new List<Delivery>();
        var until = now + lease;
        foreach (var d in due)
        {
            var leased = await db.Deliveries.Where(x => x.Id == d.Id && x.Status == DeliveryStatus.Pending && (x.LeaseUntil == null || x.LeaseUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LeaseUntil, until), ct);
            if (leased == 1) { d.LeaseUntil = until; mine.Add(d); }
        }
        return mine;
    }

    public async Task SaveAsync(Delivery delivery, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Deliveries.Update(delivery);
        await db.SaveChangesAsync(ct);
    }

    public async Task<(IReadOnlyList<Delivery> Items, int Total)> ListAsync(string? status, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Deliveries.AsNoTracking();
        if (!string.IsNullOrEmpty(status)) q = q.Where(d => d.Status == status);
        return (await q.OrderByDescending(d => d.CreatedAt).Skip(skip).Take(take).ToListAsync(ct), await q.CountAsync(ct));
    }
}

/// <summary>Runs reminder and delivery rounds on every node (compare-and-set and leases keep nodes apart).</summary>
public sealed class NotificationDeliveryJob(IServiceProvider services, IOptions<NotificationOptions> options, ILogger<NotificationDeliveryJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PollSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Reminders first: what they write is delivered in the same round.
                await services.GetRequiredService<ComplaintReminderService>().RunOnceAsync(stoppingToken);
                await services.GetRequiredService<NotificationDeliveryService>().RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogWarning(ex, "Notification delivery round failed; the next round retries."); }
        }
    }
}
