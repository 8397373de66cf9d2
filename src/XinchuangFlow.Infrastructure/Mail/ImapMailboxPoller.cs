using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using XinchuangFlow.Application.Mail;

namespace XinchuangFlow.Infrastructure.Mail;

/// <summary>
/// Polls the service mailbox over IMAP with MailKit. A round fetches the envelopes of the messages not yet marked
/// processed, interleaves them by sender (a flood waits behind everyone else's first message), refuses oversized ones
/// without downloading them, hands each other one to <see cref="MailboxService"/>, and marks it processed (keyword
/// <see cref="ProcessedKeyword"/> and \Seen) only after the service recorded it — so a crash in between leaves the
/// message for the next round, which finds what was already done and does it once.
/// </summary>
public sealed class ImapMailboxPoller(IOptions<ImapOptions> options, MailboxService mailbox, IMailReader reader, ILogger<ImapMailboxPoller> log)
{
    public const string ProcessedKeyword = "XfProcessed";
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Host);

    public async Task<ImapClient> ConnectAsync(CancellationToken ct)
    {
        var o = options.Value;
        var client = new ImapClient { Timeout = 30_000 };
        await client.ConnectAsync(o.Host ?? throw new InvalidOperationException("No IMAP host is configured (Mailbox:Imap:Host)."), o.Port,
            Enum.Parse<SecureSocketOptions>(o.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(o.User)) await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
        return client;
    }

    /// <summary>One round on a new connection.</summary>
    public async Task<MailRound> PollOnceAsync(CancellationToken ct = default)
    {
        using var client = await ConnectAsync(ct);
        var round = await PollAsync(client, ct);
        await client.DisconnectAsync(true, ct);
        return round;
    }

    public async Task<MailRound> PollAsync(ImapClient client, CancellationToken ct)
    {
        var folder = await client.GetFolderAsync(options.Value.Folder, ct);
        if (!folder.IsOpen || folder.Access != FolderAccess.ReadWrite) await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        var waiting = await folder.SearchAsync(SearchQuery.NotKeyword(ProcessedKeyword), ct);
        if (waiting.Count == 0) return new MailRound(0, 0, 0, 0);
        var summaries = await folder.FetchAsync(waiting, MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.Envelope, ct);
        var batch = Interleave(summaries).Take(options.Value.BatchSize).ToList();
        int handled = 0, failed = 0;
        foreach (var summary in batch)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var size = (long)(summary.Size ?? 0);
                if (size > mailbox.Options.MaxMessageBytes)
                {
                    var sender = summary.Envelope?.From.Mailboxes.FirstOrDefault();
                    var key = summary.Envelope?.MessageId is { Length: > 0 } mid ? "mid:" + mid.Trim() : $"imap:{folder.UidValidity}:{summary.UniqueId.Id}";
                    await mailbox.RejectOversizedAsync(key, summary.Envelope?.MessageId, sender?.Address, summary.Envelope?.Subject, size, ct);
                }
                else
                {
                    byte[] raw;
                    await using (var stream = await folder.GetStreamAsync(summary.UniqueId, ct))
                    using (var buffer = new MemoryStream())
                    {
                        await stream.CopyToAsync(buffer, ct);
                        raw = buffer.ToArray();
                    }
                    await mailbox.ProcessAsync(reader.Read(raw), ct);
                }
                // Only now: the record (and any ticket) is committed.
                await folder.StoreAsync(summary.UniqueId, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Keywords = { ProcessedKeyword }, Silent = true }, ct);
                handled++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One message's trouble blocks no other; it stays unmarked and is tried again next round.
                failed++;
                log.LogError(e, "Mail UID {Uid} could not be processed; it is tried again next round", summary.UniqueId.Id);
            }
        }
        return new MailRound(summaries.Count, handled, failed, summaries.Count - batch.Count);
    }

    /// <summary>The messages in arrival order per sender, taking one of each sender in turn.</summary>
    private static IEnumerable<IMessageSummary> Interleave(IEnumerable<IMessageSummary> summaries)
    {
        var queues = summaries.OrderBy(s => s.UniqueId.Id)
            .GroupBy(s => s.Envelope?.From.Mailboxes.FirstOrDefault()?.Address?.ToLowerInvariant() ?? "")
            .Select(g => new Queue<IMessageSummary>(g)).ToList();
        while (queues.Count > 0)
        {
            foreach (var q in queues) yield return q.Dequeue();
            queues.RemoveAll(q => q.Count == 0);
        }
    }
}
