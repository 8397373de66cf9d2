using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Notifications;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Text;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// Messages are sent in the language each recipient chose: a notification carries its text as a code with arguments,
/// turned into words per recipient when it is delivered; the language a signed-in user picks in the header is kept.
/// </summary>
public sealed class NotificationTextTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private static readonly Dictionary<string, string> Args = new()
    {
        ["number"] = "DB-20261203-001", ["enterprise"] = "南宁八桂数智服务有限公司", ["deadline"] = "2026-12-05 18:00", ["reason"] = "请说明原因", ["answer"] = "已处理",
        ["satisfied"] = "80", ["line"] = "85", ["ratings"] = "12", ["year"] = "2026", ["q"] = "4", ["days"] = "30", ["step"] = "@ComplaintStatus.handling",
        ["unit"] = "南宁市财政局", ["description"] = "无人到场", ["due"] = "2026-12-05 18:00", ["clock"] = "@Clock.onsite", ["percent"] = "100", ["title"] = "打印机卡纸",
        ["grade"] = "P3", ["technician"] = "@Notify.NoTechnician", ["label"] = "",
    };

    [Theory]
    [InlineData("SupervisionEscalated"), InlineData("SupervisionEscalatedToEnterprise"), InlineData("SupervisionAnswered"), InlineData("SupervisionAnsweredLate"),
     InlineData("RedLineQuarter"), InlineData("RedLineRolling"), InlineData("ComplaintReminder"), InlineData("SlaWarning"), InlineData("SlaBreached")]
    public void EveryCodedMessage_ReadsInChineseAndEnglish_WithEveryArgumentFilled(string key)
    {
        var n = new Notification { Subject = "中文原文", Body = "中文正文" }.WithText(key, Args);
        var texts = new ResourceNotificationTexts();
        var (zhSubject, zhBody) = NotificationText.For(n, "zh-CN", texts);
        var (enSubject, enBody) = NotificationText.For(n, "en", texts);
        foreach (var text in new[] { zhSubject, zhBody, enSubject, enBody })
        {
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.DoesNotContain("{", text);
            Assert.DoesNotContain("@", text);
        }
        Assert.NotEqual("中文原文", zhSubject);
        Assert.Matches("[\u4e00-\u9fff]", zhSubject);
        Assert.DoesNotMatch("[\u3010\u3011\uff1a]", enSubject);                      // no Chinese brackets or colons in English
        Assert.DoesNotMatch("[\u4e00-\u9fff]", enSubject.Replace(Args["enterprise"], "")); // only the enterprise's name may be Chinese
        Assert.Equal(("中文原文", "中文正文"), NotificationText.For(n, "en", null)); // no renderer: the stored Chinese
    }

    [Fact]
    public void AnEscalationToAnEnglishReader_NamesTheClockInEnglish()
    {
        var n = new Notification().WithText("SlaBreached", Args);
        var (subject, body) = NotificationText.For(n, "en", new ResourceNotificationTexts());
        Assert.Equal("[Overdue] Ticket DB-20261203-001: the On site time limit is up (100%)", subject);
        Assert.Contains("engineer not dispatched", body);
        Assert.Contains("到场", NotificationText.For(n, "zh-CN", new ResourceNotificationTexts()).Subject);
    }

    [Fact]
    public async Task TheLanguageAUserPicks_IsKeptForTheMessagesSentToThem()
    {
        var client = await app.LoginAsync("nanning@xinchuang.local", "Demo#2026xf");
        var users = app.Services.GetRequiredService<IUserDirectory>();
        (await client.GetAsync("/culture/set?culture=en&redirectUri=/")).EnsureSuccessStatusCode();
        Assert.Equal("en", (await users.ContactsAsync(["nanning@xinchuang.local"])).Single().Language);
        (await client.GetAsync("/culture/set?culture=zh-CN&redirectUri=/")).EnsureSuccessStatusCode();
        Assert.Equal("zh-CN", (await users.ContactsAsync(["nanning@xinchuang.local"])).Single().Language);
        (await client.GetAsync("/culture/set?culture=xx&redirectUri=/")).EnsureSuccessStatusCode();   // not a language of the platform: nothing kept
        Assert.Equal("zh-CN", (await users.ContactsAsync(["nanning@xinchuang.local"])).Single().Language);
    }
}
