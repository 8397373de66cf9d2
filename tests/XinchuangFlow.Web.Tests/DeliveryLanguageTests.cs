using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using XinchuangFlow.Application.Notifications;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Web.Tests;

/// <summary>The app with its mail delivery pointed at a real SMTP server on loopback (Debian's aiosmtpd).</summary>
public sealed class SmtpWebAppFactory : WebAppFactory
{
    public AiosmtpdServer Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Notifications:Smtp:From", "noreply@xinchuang.test");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Smtp.Dispose();
    }
}

/// <summary>
/// Messages reach each person in the language they chose, end to end: a coordinator who switched the platform to English
/// (which keeps the choice on the account) and a manager who did not are each sent a coded supervision message, and the
/// e-mails the real delivery service hands to a real SMTP server read in English and in Chinese.
/// </summary>
public sealed class DeliveryLanguageTests(SmtpWebAppFactory app) : IClassFixture<SmtpWebAppFactory>
{
    private const string Demo = "Demo#2026xf";

    [Fact]
    public async Task ACodedMessage_IsMailedInEnglishToTheUserWhoChoseEnglish_AndInChineseToTheOneWhoDidNot()
    {
        await app.Smtp.StartAsync();
        var coordinator = await app.LoginAsync("nanning@xinchuang.local", Demo);
        var manager = await app.LoginAsync("manager@xinchuang.local", Demo);
        (await coordinator.GetAsync("/culture/set?culture=en&redirectUri=/")).EnsureSuccessStatusCode();

        // The coordinator supervises the manager's enterprise; the manager answers; the coordinator returns the answer.
        var enterprise = (await manager.GetFromJsonAsync<JsonObject>("/api/supervision?take=50"))!["items"]!.AsArray()[0]!["enterpriseId"]!.GetValue<Guid>();
        var issued = await coordinator.PostAsJsonAsync("/api/supervision", new
        {
            enterpriseId = enterprise, reason = "请说明南宁市近期工单响应偏慢的原因。", deadline = DateTimeOffset.UtcNow.AddDays(3),
        });
        issued.EnsureSuccessStatusCode();
        var notice = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        var (number, instance) = (notice["number"]!.GetValue<string>(), notice["instanceId"]!.GetValue<Guid>());
        var tasks = (await manager.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}&status=Open&taskKind=supervision.answer"))!["items"]!.AsArray();
        (await manager.PostAsJsonAsync($"/api/tasks/{tasks.Single()!["id"]}/complete", new { outcome = "answer", data = new { answer = "已增派两名工程师。" } })).EnsureSuccessStatusCode();
        (await coordinator.PostAsJsonAsync($"/api/supervision/{number}/review", new { outcome = "return", comment = "请附上本月响应时效数据。" })).EnsureSuccessStatusCode();

        // The delivery service hands every pending notification over and sends the e-mails.
        var delivery = app.Services.GetRequiredService<NotificationDeliveryService>();
        for (var round = 0; round < 50 && (await delivery.RunOnceAsync()) is var (handed, sent, failed) && (handed > 0 || sent > 0 || failed > 0); round++) { }

        var mails = app.Smtp.Messages().Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw))))
            .Where(m => (m.Subject ?? "").Contains(number, StringComparison.Ordinal)).ToList();
        var toCoordinator = Assert.Single(mails, m => m.To.Mailboxes.Any(a => a.Address == "nanning@xinchuang.local"));
        Assert.Equal($"[Supervision answered] {number}: {(string)notice["enterpriseName"]!} answered on time", toCoordinator.Subject);
        Assert.Contains("Review the answer in your inbox", toCoordinator.TextBody ?? "");
        Assert.Contains("已增派两名工程师。", toCoordinator.TextBody ?? "");   // the enterprise's own words, as written
        var toManager = Assert.Single(mails, m => m.To.Mailboxes.Any(a => a.Address == "manager@xinchuang.local"));
        Assert.StartsWith($"【督办退回】{number}：督办方退回了回复", toManager.Subject);
        Assert.Contains("退回意见：请附上本月响应时效数据。", toManager.TextBody ?? "");
    }
}
