using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Knowledge;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Knowledge;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Benchmarks;

public sealed record KnowledgeScaleResult(
    DatabaseProvider Provider, int Articles, TimeSpan Fill, TimeSpan Rebuild, long IndexBytes, int Documents,
    Percentiles Search, int SearchSamples, int EmptySearches, Percentiles Suggestion, int SuggestionSamples, int EmptySuggestions, double MeanSuggestionLength,
    int Added, Percentiles SearchAfter, Percentiles SuggestionAfter, int SegmentsAfterRebuild, int SegmentsAfter);

/// <summary>
/// Issue 22 (KB-2) at scale: N published articles in the database (synthetic, recombined from the demo texts, with a
/// change-feed row each, as publishing writes them), then, through the app's own services: the index rebuilt from the
/// database by <see cref="KnowledgeIndexer.CatchUpAsync"/> into an empty folder; the 40 queries of
/// knowledge-queries.json searched through <see cref="KnowledgeService.SearchAsync"/> (top 10, highlighted); and
/// suggestions — a ticket's title, OS and the start of its description as the search text, top 5. Then 1,000 more
/// articles are published 10 at a time, each ten caught up as the index job does (a small segment each), and both are
/// measured again.
/// </summary>
internal static class KnowledgeScale
{
    /// <summary>What a unit or the hotline desk types into a new ticket — title, OS, the start of the description (written for this benchmark) — and the demo article it should suggest.</summary>
    public static readonly (string Text, string Key)[] Tickets =
    [
        ("银河麒麟V10 打印机驱动安装失败 单位新采购的奔图打印机在麒麟系统上安装驱动时提示依赖错误，双击安装包后没有反应，换了一台电脑也一样，急需打印下午的会议材料", "kylin-pantum-driver-install"),
        ("统信UOS 20 1060 电脑开机黑屏 办公室一台统信系统的电脑昨天晚上自动升级后，今天开机只显示一个鼠标箭头，桌面和任务栏都不出来，重启了好几次都一样", "uos-1060-black-screen"),
        ("业务系统连不上数据库 银河麒麟V10 达梦DM8 从上午开始业务系统频繁提示无法连接数据库，日志里说会话数已满，重启应用后过一会儿又出现，整个科室没法办理业务", "dm8-session-limit"),
        ("WPS 文档保存失败 统信UOS 20 在共享文件夹里编辑公文后点击保存，提示没有权限，只能另存到桌面，同一个文件夹别人的电脑上可以正常保存", "wps-save-shared-folder"),
        ("麒麟系统登录不了 银河麒麟V10 输入密码后屏幕闪一下又回到登录界面，密码确认没有输错，换管理员账号登录也一样，昨天下班前还能正常使用", "kylin-login-loop"),
        ("U盘只能读不能写 银河麒麟V10 插入U盘后能看到里面的文件，但是复制文件进去时提示只读文件系统，这个U盘在别的电脑上检查是好的", "usb-drive-readonly"),
        ("主机风扇噪音很大 银河麒麟V10 飞腾 FT-2000/4 的台式机开机后风扇一直高速转，声音很大影响旁边的同事办公，机器上并没有运行什么大程序", "ft2000-4-fan-noise"),
        ("网络时断时续 统信UOS 20 有线网络每隔几分钟就断开一次，右下角的网络图标显示已断开然后又自动连上，开视频会议时经常掉线，同一个交换机上别的电脑正常", "network-frequent-disconnect"),
        ("OFD公文打不开 银河麒麟V10 收到上级下发的电子公文是OFD格式，双击打开后一片空白或者提示文件已损坏，换用其他电脑打开也是一样的情况", "ofd-reader-cannot-open"),
        ("USB Key 识别不了 统信UOS 20 插入CA数字证书的USB Key以后证书助手检测不到设备，无法登录网上办事系统进行电子签章，换了一个USB口也不行", "ca-usbkey-not-detected"),
        ("应用服务器经常没有响应 银河麒麟高级服务器版V10 部署在东方通TongWeb上的业务系统运行一两天就没有响应，日志里有内存溢出的错误，必须重启才能恢复", "tongweb-oom"),
        ("扫描仪无法使用 银河麒麟V10 奔图扫描仪连接电脑后扫描软件找不到设备，打印功能是正常的，重新插拔数据线和重启电脑都没有用", "scanner-not-recognized"),
    ];

    public static IReadOnlyList<string> TicketTexts => Tickets.Select(t => t.Text).ToList();

    public static async Task<KnowledgeScaleResult> RunAsync(DatabaseProvider provider, string cs, int size, int rounds)
    {
        var folder = Path.Combine(Path.GetTempPath(), "xf-kb-scale-" + Guid.NewGuid().ToString("N"));
        try
        {
            var builder = EngineHostBuilder.Create(provider, cs, TimeProvider.System, settings: new Dictionary<string, string?> { ["Knowledge:IndexPath"] = folder },
                logLevel: LogLevel.Warning);
            using var host = builder.Build();
            await host.StartAsync();
            var services = host.Services;
            var factory = services.GetRequiredService<IDbContextFactory<XfDbContext>>();

            var fill = Stopwatch.StartNew();
            await FillAsync(factory, 0, size);
            fill.Stop();
            Console.Error.WriteLine($"{provider}: {size:N0} published articles written in {fill.Elapsed.TotalSeconds:0} s");

            // The rebuild: an empty folder, the whole change feed applied, as a new node (or a deleted index) does at start.
            var indexer = services.GetRequiredService<KnowledgeIndexer>();
            var rebuild = Stopwatch.StartNew();
            await indexer.CatchUpAsync();
            rebuild.Stop();
            var bytes = new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length);
            Console.Error.WriteLine($"{provider}: index rebuilt in {rebuild.Elapsed.TotalSeconds:0} s");

            var segmentsAfterRebuild = Segments(folder);
            var knowledge = services.GetRequiredService<KnowledgeService>();
            var tech = Actor.Of("bench-tech", [Roles.Technician], enterpriseId: Guid.CreateVersion7());
            var all = await knowledge.SearchAsync(tech, null, null, 1);   // blank text: every published article
            var queries = KnowledgeWorkloads.LoadQueries().Select(q => q.Q).ToList();

            var (search, emptySearches, searchSamples) = await MeasureAsync(queries, rounds, q => knowledge.SearchAsync(tech, q, null, 10));
            var (suggestion, emptySuggestions, suggestionSamples) = await MeasureAsync(TicketTexts, rounds * 3, t => knowledge.SearchAsync(tech, t, null, 5));

            // Then the index as a running node has it: articles published a few at a time, each few caught up and committed.
            const int added = 1_000;
            for (var i = 0; i < added; i += 10)
            {
                await FillAsync(factory, size + i, 10);
                await indexer.CatchUpAsync();
            }
            var total = (await knowledge.SearchAsync(tech, null, null, 1)).Total;
            if (total != size + added) throw new InvalidOperationException($"the index has {total} articles, not {size + added}");
            var (searchAfter, _, _) = await MeasureAsync(queries, rounds, q => knowledge.SearchAsync(tech, q, null, 10));
            var (suggestionAfter, _, _) = await MeasureAsync(TicketTexts, rounds * 3, t => knowledge.SearchAsync(tech, t, null, 5));
            return new KnowledgeScaleResult(provider, size, fill.Elapsed, rebuild.Elapsed, bytes, all.Total, search, searchSamples, emptySearches,
                suggestion, suggestionSamples, emptySuggestions, TicketTexts.Average(t => t.Length), added, searchAfter, suggestionAfter,
                segmentsAfterRebuild, Segments(folder));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The ticket texts' suggestions among the 48 published demo articles alone (no synthetic ones): whether the article
    /// each was written for is in the top 5.
    /// </summary>
    public static (int Found, int First, IReadOnlyList<string> Misses) SuggestionQuality()
    {
        using var ram = new Lucene.Net.Store.RAMDirectory();
        using var index = new KnowledgeSearchIndex(ram);
        var keyOf = new Dictionary<Guid, string>();
        foreach (var a in DemoKnowledge.Load().Where(a => a.State == ArticleStatus.Published))
        {
            var id = Guid.NewGuid();
            keyOf[id] = a.Key;
            index.Upsert(new KnowledgeDocument(id, a.Title, a.Symptom, a.Cause, a.Steps, a.Tags, a.ForUsers, null, DateTimeOffset.UnixEpoch));
        }
        index.Commit(1);
        var misses = new List<string>();
        var first = 0;
        foreach (var (text, key) in Tickets)
        {
            var keys = index.Search(new KnowledgeQuery(text, Take: 5)).Hits.Select(h => keyOf[h.Id]).ToList();
            if (!keys.Contains(key)) misses.Add($"「{text[..20]}…」 → {string.Join(", ", keys)}");
            if (keys.FirstOrDefault() == key) first++;
        }
        return (Tickets.Length - misses.Count, first, misses);
    }

    /// <summary>Segments in the index's last commit.</summary>
    private static int Segments(string folder)
    {
        var infos = new Lucene.Net.Index.SegmentInfos();
        using var dir = Lucene.Net.Store.FSDirectory.Open(folder);
        infos.Read(dir);
        return infos.Count;
    }

    /// <summary>One round unmeasured (JIT, caches), then <paramref name="rounds"/> rounds of every text, each timed.</summary>
    private static async Task<(Percentiles Time, int Empty, int Samples)> MeasureAsync(IReadOnlyList<string> texts, int rounds, Func<string, Task<KnowledgeSearchPage>> search)
    {
        foreach (var text in texts) await search(text);
        var samples = new List<double>(texts.Count * rounds);
        var empty = 0;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var text in texts)
            {
                var started = Stopwatch.GetTimestamp();
                var page = await search(text);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (page.Hits.Count == 0) empty++;
            }
        }
        samples.Sort();
        double At(double p) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(p * samples.Count) - 1)];
        return (new Percentiles(At(0.50), At(0.95)), empty, samples.Count);
    }

    /// <summary>
    /// N published articles, each with its published revision and the change-feed row publishing writes, in batches of
    /// 1,000 per SaveChanges. Texts recombined from the published demo articles: the title of one (numbered), the
    /// symptom of a second, the cause of a third, the steps of the first; its tags and one of the second's.
    /// </summary>
    private static async Task FillAsync(IDbContextFactory<XfDbContext> factory, int from, int count)
    {
        var published = DemoKnowledge.Load().Where(a => a.State == ArticleStatus.Published).ToList();
        var random = new Random(22 + from);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const int batch = 1_000;
        for (var first = from; first < from + count; first += batch)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(from + count, first + batch); i++)
            {
                var a = published[random.Next(published.Count)];
                var b = published[random.Next(published.Count)];
                var c = published[random.Next(published.Count)];
                var at = start.AddMinutes(i);
                var article = new KnowledgeArticle
                {
                    Id = Guid.CreateVersion7(at), Number = $"KB-{i + 1:000000}", Status = ArticleStatus.Published, Author = "bench-tech",
                    WorkingRevision = 1, PublishedRevision = 1, CreatedAt = at, UpdatedAt = at, PublishedAt = at,
                };
                var revision = new KnowledgeRevision
                {
                    ArticleId = article.Id, Number = 1, Kind = a.Kind, Title = $"{a.Title}（{i + 1}）", Symptom = b.Symptom, Cause = c.Cause, Steps = a.Steps,
                    Tags = [.. a.Tags.Concat(b.Tags.Take(1)).Distinct()], ForUsers = random.Next(2) == 0, EditedBy = "bench-tech", EditedAt = at,
                    SubmittedAt = at, ReviewedBy = "bench-admin", ReviewedAt = at, Decision = KnowledgeOutcomes.Approve,
                };
                db.KnowledgeArticles.Add(article);
                db.KnowledgeRevisions.Add(revision);
                db.KnowledgeChanges.Add(new KnowledgeChange { ArticleId = article.Id, At = at });
            }
            await db.SaveChangesAsync();
        }
    }
}
