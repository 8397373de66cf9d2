using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Notifications;
using XinchuangFlow.Engine.Runtime;
using System.Globalization;
using XinchuangFlow.Cases.Notifications;
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
        ["comment"] = "@Notify.NoComment", ["satisfied"] = "80", ["line"] = "85", ["ratings"] = "12", ["year"] = "2026", ["q"] = "4", ["days"] = "30",
        ["step"] = "@ComplaintStatus.handling", ["unit"] = "南宁市财政局", ["description"] = "无人到场", ["due"] = "2026-12-05 18:00", ["clock"] = "@Clock.onsite",
        ["percent"] = "100", ["title"] = "打印机卡纸", ["grade"] = "P3", ["technician"] = "@Notify.NoTechnician", ["label"] = "", ["count"] = "2", ["list"] = "王伟 · 终端 · 2026-12-20\n李芳 · 操作系统 · 2026-12-28",
    };

    private static readonly NotificationResources Texts = new();

    /// <summary>Every coded text the notification resource holds (and the ones the code sends are among them: a missing one throws at creation).</summary>
    public static TheoryData<string> Keys() => new(NotificationResources.Keys);

    [Fact]
    public void TheResourceHolds_EveryTextTheCodeSends()
    {
        Assert.Superset(new HashSet<string>
        {
            "SupervisionEscalated", "SupervisionEscalatedToEnterprise", "SupervisionAnswered", "SupervisionAnsweredLate", "SupervisionReturned", "SupervisionClosed",
            "RedLineQuarter", "RedLineRolling", "ComplaintReminder", "SlaWarning", "SlaBreached", "CertificateExpiry",
        }, NotificationResources.Keys.ToHashSet());
        // One source: the pages' resources hold none of the notifications' words.
        Assert.Null(SharedTexts.Find("Notify.SlaBreached.Subject", CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Null(SharedTexts.Find("Notify.SlaBreached.Subject", CultureInfo.GetCultureInfo("en")));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EveryCodedMessage_ReadsInChineseAndEnglish_WithEveryArgumentFilled(string key)
    {
        // The stored words are the resource's Chinese, rendered when the notification is created.
        var n = new Notification().WithText(key, Args, Texts);
        var (zhSubject, zhBody) = NotificationText.For(n, "zh-CN", Texts);
        var (enSubject, enBody) = NotificationText.For(n, "en", Texts);
        Assert.Equal((n.Subject, n.Body), (zhSubject, zhBody));
        foreach (var text in new[] { zhSubject, zhBody, enSubject, enBody })
        {
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.DoesNotContain("{", text);
            Assert.DoesNotContain("@", text);
        }
        Assert.Matches("[\u4e00-\u9fff]", zhSubject);
        Assert.DoesNotMatch("[\u3010\u3011\uff1a]", enSubject);                      // no Chinese brackets or colons in English
        Assert.DoesNotMatch("[\u4e00-\u9fff]", enSubject.Replace(Args["enterprise"], "")); // only the enterprise's name may be Chinese
        Assert.Equal((zhSubject, zhBody), NotificationText.For(n, "en", null));             // no renderer: the stored Chinese
    }

    [Fact]
    public void ACodeWithoutWords_IsRefusedAtCreation()
    {
        Assert.Throws<InvalidOperationException>(() => new Notification().WithText("NoSuchText", Args, Texts));
    }

    [Fact]
    public void TheArgumentWords_AreThePagesOwn_InBothLanguages()
    {
        var words = NotificationResources.Names().Where(n => !n.StartsWith("Notify.", StringComparison.Ordinal)).ToList();
        Assert.Contains("ComplaintStatus.handling", words);
        foreach (var culture in new[] { "zh-CN", "en" }.Select(CultureInfo.GetCultureInfo))
            foreach (var name in words)
                Assert.Equal(SharedTexts.Find(name, culture), NotificationResources.Find(name, culture));
    }

    [Fact]
    public void AnEscalationToAnEnglishReader_NamesTheClockInEnglish()
    {
        var n = new Notification().WithText("SlaBreached", Args, Texts);
        var (subject, body) = NotificationText.For(n, "en", Texts);
        Assert.Equal("[Overdue] Ticket DB-20261203-001: the On site time limit is up (100%)", subject);
        Assert.Contains("engineer not dispatched", body);
        Assert.Equal("【超时】工单 DB-20261203-001 到场时限已到（100%）", n.Subject);
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
