using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using XinchuangFlow.Application.Notifications;

namespace XinchuangFlow.Infrastructure.Notifications;

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
