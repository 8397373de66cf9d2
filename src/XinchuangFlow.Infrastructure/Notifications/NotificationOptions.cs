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
