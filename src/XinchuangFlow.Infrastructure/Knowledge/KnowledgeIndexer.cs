using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using XinchuangFlow.Application.Knowledge;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Knowledge;

/// <summary>
/// This node's knowledge search index, kept current from the database: every change of what readers can find is a row of
/// <c>xf_kb_changes</c> written in the transaction that made it; the index applies them in order and stores the last one
/// it applied with its own commit. A missing index is rebuilt from the start of the feed; a node that crashed between
/// the database's commit and the index's picks up where its index stopped. The folder is
/// <c>Knowledge:IndexPath</c>, by default <c>data/kb-index/&lt;database&gt;-&lt;machine&gt;</c>.
/// <c>Knowledge:IndexCatchUp</c> (default true) set to false makes a node that never applies the change feed — neither
/// at start, nor every few seconds, nor before a search: its index stays as it is on disk and searches answer from it.
/// It exists to test the crash window between the database's commit and the index's (the process-kill test holds a
/// node in that state, kills it, and starts it again with the default); a node running so says it in its log.
/// </summary>
public sealed class KnowledgeIndexer(IDbContextFactory<XfDbContext> factory, IConfiguration configuration, ILogger<KnowledgeIndexer> log)
    : IKnowledgeSearch, IDisposable
{
    private const int Batch = 500;
    /// <summary>A long catch-up (a rebuild, a node long down) commits every this many changes, not every batch: fewer, larger segments.</summary>
    private const int CommitEvery = 5_000;
    /// <summary>A catch-up that applied at least this many changes merges the index into one segment (see <see cref="KnowledgeSearchIndex.Compact"/>).</summary>
    private const int CompactAfter = 5_000;
    private readonly SemaphoreSlim gate = new(1, 1);
    private KnowledgeSearchIndex? index;
    private string current = "";
    private bool verified;
    private readonly bool catchUp = configuration.GetValue("Knowledge:IndexCatchUp", true);
    private bool saidFrozen;

    /// <summary>The folder of the index (for operators and tests).</summary>
    public string Path { get; } = configuration["Knowledge:IndexPath"] is { Length: > 0 } p ? p
        : System.IO.Path.Combine("data", "kb-index", $"{Fingerprint(configuration.GetConnectionString("Default") ?? configuration["Database:ConnectionString"] ?? "")}-{Environment.MachineName}");

    private KnowledgeSearchIndex Index => index ??= Open(Path);

    /// <summary>The index in <paramref name="path"/>; another node of this machine holding it (a test cluster) gets one of its own.</summary>
    private KnowledgeSearchIndex Open(string path)
    {
        try { var opened = new KnowledgeSearchIndex(path); current = path; return opened; }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            var own = $"{path}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..(path.Length + 20)];
            log.LogInformation("The knowledge index {Path} is held by another node of this machine; this node keeps its own in {Own}", path, own);
            current = own;
            return new KnowledgeSearchIndex(own);
        }
    }

    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (!catchUp)
            {
                // Opened here, under the gate, as a catching-up node opens it: the index is there to search, never written.
                var sequence = Index.LastSequence;
                if (!saidFrozen)
                    log.LogWarning("Knowledge:IndexCatchUp is false: this node never applies the knowledge change feed; its index {Path} stays at change {Sequence}", current, sequence);
                saidFrozen = true;
                return;
            }
            await using var db = await factory.CreateDbContextAsync(ct);
            if (!verified && Index.LastSequence > 0 && Index.LastSequence > (await db.KnowledgeChanges.MaxAsync(c => (long?)c.Sequence, ct) ?? 0))
            {
                // The index has seen changes this database never had (it was recreated, restored from an older backup): rebuilt.
                log.LogWarning("The knowledge index {Path} is ahead of the database; it is rebuilt", Path);
                Index.Dispose();
                System.IO.Directory.Delete(current, recursive: true);
                index = Open(current);
            }
            verified = true;   // once per opening: a running node's index never gets ahead of its database
            var last = Index.LastSequence;
            var applied = 0;
            var uncommitted = 0;
            while (true)
            {
                var changes = await db.KnowledgeChanges.AsNoTracking().Where(c => c.Sequence > last).OrderBy(c => c.Sequence).Take(Batch).ToListAsync(ct);
                if (changes.Count == 0) break;
                await ApplyArticlesAsync(db, changes.Where(c => c.Subject != KnowledgeChange.Ticket).Select(c => c.ArticleId).Distinct().ToList(), ct);
                await ApplyTicketsAsync(db, changes.Where(c => c.Subject == KnowledgeChange.Ticket).Select(c => c.ArticleId).Distinct().ToList(), ct);
                last = changes[^1].Sequence;
                applied += changes.Count;
                uncommitted += changes.Count;
                // Committed when the feed is read to its end, and every few thousand changes of a long catch-up (a crash
                // in between replays them: both operations are idempotent).
                if (changes.Count < Batch || uncommitted >= CommitEvery)
                {
                    Index.Commit(last);
                    uncommitted = 0;
                    log.LogDebug("Knowledge index at change {Sequence}", last);
                }
            }
            if (uncommitted > 0) Index.Commit(last);
            if (applied >= CompactAfter)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                Index.Compact();
                log.LogInformation("Knowledge index caught up {Changes} changes to change {Sequence} and was merged into one segment in {Seconds:0.0} s",
                    applied, last, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ApplyArticlesAsync(XfDbContext db, List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        var articles = await db.KnowledgeArticles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var revisions = await db.KnowledgeRevisions.AsNoTracking().Where(r => ids.Contains(r.ArticleId)).ToListAsync(ct);
        foreach (var id in ids)
        {
            var article = articles.FirstOrDefault(a => a.Id == id);
            var shown = article is { IsPublished: true } ? revisions.FirstOrDefault(r => r.ArticleId == id && r.Number == article.PublishedRevision) : null;
            if (shown is null) Index.Delete(id);
            // Every text field as the words a reader sees (an author may mark code in the symptom, too): the fragments
            // the suggestions and the search show are plain text, with no Markdown marks.
            else Index.Upsert(new KnowledgeDocument(id, shown.Title, ArticleRenderer.ToPlainText(shown.Symptom), ArticleRenderer.ToPlainText(shown.Cause),
                ArticleRenderer.ToPlainText(shown.Steps), shown.Tags, shown.ForUsers,
                article!.EnterpriseId, article.PublishedAt ?? article.UpdatedAt));
        }
    }

    /// <summary>A resolved ticket is found by what was asked and what fixed it; reopened or cancelled, it is taken out.</summary>
    private async Task ApplyTicketsAsync(XfDbContext db, List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        var tickets = await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Title, t.Description, t.Resolution, t.Status, t.ProductCategory, t.ProductVendor, t.ProductModel, t.Os, t.Cpu, t.IntegratorId, t.ResolvedAt, t.UpdatedAt })
            .ToListAsync(ct);
        foreach (var id in ids)
        {
            var t = tickets.FirstOrDefault(x => x.Id == id);
            if (t is null || string.IsNullOrWhiteSpace(t.Resolution) || !(t.Status == TicketStatus.Resolved || t.Status == TicketStatus.AwaitingFeedback || t.Status == TicketStatus.Closed))
            {
                Index.Delete(id);
                continue;
            }
            var tags = new List<string>();
            void Tag(string facet, string? value) { if (!string.IsNullOrWhiteSpace(value)) tags.Add(ArticleTags.Normalize(facet, value)); }
            Tag(ArticleTags.Category, t.ProductCategory);
            Tag(ArticleTags.Brand, t.ProductVendor);
            Tag(ArticleTags.Model, t.ProductModel);
            Tag(ArticleTags.Os, t.Os);
            Tag(ArticleTags.Cpu, t.Cpu);
            Index.Upsert(new KnowledgeDocument(id, t.Title, t.Description, "", t.Resolution, tags, false, t.IntegratorId, t.ResolvedAt ?? t.UpdatedAt, IsTicket: true));
        }
    }

    public async Task<KnowledgeSearchPage> SearchAsync(KnowledgeSearchQuery query, CancellationToken ct = default)
    {
        // A search sees everything committed before it, on whichever node it runs: one look at the feed's end, and the
        // changes not yet applied are applied first.
        if (await FeedEndAsync(ct) > Index.LastSequence) await CatchUpAsync(ct);
        var result = Index.Search(new KnowledgeQuery(query.Text, query.Tags, query.ForUsersOnly, query.Take, query.Tickets, query.Skip, query.Fragments, query.MarkTitles));
        return new KnowledgeSearchPage(result.Total, result.Hits.Select(h => new KnowledgeSearchHit(h.Id, h.TitleHtml, h.Fragments, h.Score)).ToList());
    }

    private async Task<long> FeedEndAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.KnowledgeChanges.MaxAsync(c => (long?)c.Sequence, ct) ?? 0;
    }

    private static string Fingerprint(string connection) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(connection)))[..12].ToLowerInvariant();

    public void Dispose()
    {
        index?.Dispose();
        gate.Dispose();
    }
}

/// <summary>Keeps this node's index current: at start (rebuilding a missing one) and every few seconds after.</summary>
public sealed class KnowledgeIndexJob(KnowledgeIndexer indexer, ILogger<KnowledgeIndexJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await indexer.CatchUpAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { log.LogWarning(ex, "The knowledge index could not catch up; it tries again"); }
            try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
