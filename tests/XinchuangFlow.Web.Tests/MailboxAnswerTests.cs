using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Mail;
using XinchuangFlow.Application.Notifications;
using XinchuangFlow.Application.Tickets;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// The service mailbox tells the desk what really became of the answer to a sender (INT-3, issue 21 §4): on an
/// installation without a mail server (as this test app is) the answer is "not sent: no mail server", also after a
/// delivery round tried it — never "answered".
/// </summary>
public sealed class MailboxAnswerTests : IClassFixture<WebAppFactory>
{
    private readonly WebAppFactory _app;
    public MailboxAnswerTests(WebAppFactory app) => _app = app;

    [Fact]
    public async Task WithoutAMailServer_TheAnswerIsSaidNotToBeSent_BeforeAndAfterADeliveryRound()
    {
        _ = _app.CreateClient();   // starts the app: migrations, demo units and users
        var mailbox = _app.Services.GetRequiredService<MailboxService>();
        var desk = Actor.Of("dispatcher@xinchuang.local", [Roles.Dispatcher]);
        var record = await mailbox.ProcessAsync(new InboundMail
        {
            Key = "answer-test-" + Guid.NewGuid().ToString("N"), MessageId = "<answer-test@elsewhere.test>", From = "someone@elsewhere.test", FromName = "新同事",
            Subject = "打印机无法打印", Text = "办公室的打印机无法打印，请派人看看。", SenderVerified = true,
        });
        Assert.Equal(MailOutcomes.Triage, record.Outcome);
        // The "we received your mail" answer was written, but nothing can send it.
        var first = await mailbox.AnswerAsync(desk, record.Id);
        Assert.Equal((MailAnswer.NoServer, "someone@elsewhere.test"), (first.State, first.Address));

        var unit = (await _app.Services.GetRequiredService<HotlineService>().FindUnitsAsync(desk, "南宁市财政局")).First().Unit;
        var filed = await mailbox.FileAsTicketAsync(desk, record.Id, unit.Id);
        Assert.Equal(MailOutcomes.Filed, filed.Outcome);
        Assert.Equal(MailAnswer.NoServer, (await mailbox.AnswerAsync(desk, filed.Id)).State);

        // A delivery round tries what is due and fails for want of a server: still not sent, and said so.
        await _app.Services.GetRequiredService<NotificationDeliveryService>().RunOnceAsync();
        var after = await mailbox.AnswerAsync(desk, filed.Id);
        Assert.Equal(MailAnswer.NoServer, after.State);
        Assert.Null(after.SentAt);
    }

    [Theory]
    [InlineData(DeliveryStatus.Pending, 0, true, MailAnswer.Queued)]
    [InlineData(DeliveryStatus.Pending, 3, true, MailAnswer.Retrying)]
    [InlineData(DeliveryStatus.Sent, 1, true, MailAnswer.Sent)]
    [InlineData(DeliveryStatus.Failed, 12, true, MailAnswer.Failed)]
    [InlineData(DeliveryStatus.Pending, 0, false, MailAnswer.NoServer)]
    [InlineData(DeliveryStatus.Failed, 12, false, MailAnswer.NoServer)]
    public void TheAnswersState_IsReadFromItsDelivery(string status, int attempts, bool server, string expected) =>
        Assert.Equal(expected, MailAnswer.Of(new Delivery { Status = status, Attempts = attempts, Address = "a@b.test" }, server).State);

    [Fact]
    public void NoDelivery_IsNoAnswer() => Assert.Equal(MailAnswer.None, MailAnswer.Of(null, true).State);
}
