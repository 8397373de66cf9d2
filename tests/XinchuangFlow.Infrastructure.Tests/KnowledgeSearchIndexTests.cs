using Lucene.Net.Store;
using XinchuangFlow.Infrastructure.Knowledge;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// KB-2: the knowledge base's Chinese full-text index — finds the article for Chinese and mixed queries with the
/// default analyzer, filters by tag and by "for users", highlights safely, survives hostile queries, and keeps the
/// sequence of the last applied change across a reopen.
/// </summary>
public sealed class KnowledgeSearchIndexTests : IClassFixture<KnowledgeSearchIndexTests.DemoIndex>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly DemoIndex demo;

    public KnowledgeSearchIndexTests(DemoIndex demo) => this.demo = demo;

    /// <summary>The 48 published demo articles in an in-memory index with the default options.</summary>
    public sealed class DemoIndex : IDisposable
    {
        public RAMDirectory Directory { get; } = new();
        public KnowledgeSearchIndex Index { get; }
        public Dictionary<Guid, DemoKnowledgeArticle> ById { get; } = [];

        public DemoIndex()
        {
            Index = new KnowledgeSearchIndex(Directory);
            var i = 0;
            foreach (var a in DemoKnowledge.Load().Where(a => a.State == "published"))
            {
                var id = Guid.NewGuid();
                ById[id] = a;
                Index.Upsert(new KnowledgeDocument(id, a.Title, a.Symptom, a.Cause, a.Steps, a.Tags, a.ForUsers, null, T0.AddHours(i++)));
            }
            Index.Commit(48);
        }

        public void Dispose()
        {
            Index.Dispose();
            Directory.Dispose();
        }
    }

    [Fact]
    public void The_default_is_jieba_with_the_bigram_field()
    {
        Assert.Equal(KnowledgeAnalyzer.Jieba, KnowledgeSearchOptions.Default.Analyzer);
        Assert.True(KnowledgeSearchOptions.Default.BigramField);
        Assert.Equal(48, demo.Index.DocumentCount);
    }

    [Theory]
    [InlineData("银河麒麟V10 打印机驱动安装失败", "kylin-pantum-driver-install")]
    [InlineData("UOS 20 1060 黑屏", "uos-1060-black-screen")]
    [InlineData("FT-2000/4 风扇", "ft2000-4-fan-noise")]
    [InlineData("达梦 会话数", "dm8-session-limit")]
    [InlineData("DM8 会话数", "dm8-session-limit")]
    [InlineData("P3301DN 卡纸", "pantum-p3301dn-paper-jam")]
    [InlineData("p3301dn 卡纸", "pantum-p3301dn-paper-jam")]
    [InlineData("人大金仓 连接池", "kingbase-connection-pool-exhausted")]
    [InlineData("电脑时间不准", "ntp-time-sync")]
    [InlineData("断网", "network-frequent-disconnect")] // only the bigram field's single characters find it
    [InlineData("开不了机", "kylin-kernel-update-nonboot")]
    public void Finds_the_article_in_the_top_three(string text, string key)
    {
        var result = demo.Index.Search(new KnowledgeQuery(text, Take: 3));

        Assert.Contains(key, result.Hits.Select(h => demo.ById[h.Id].Key));
        Assert.True(result.Total >= result.Hits.Count);
        Assert.All(result.Hits, h => Assert.True(h.Score > 0));
        Assert.Equal(result.Hits.OrderByDescending(h => h.Score).Select(h => h.Id), result.Hits.Select(h => h.Id));
    }

    [Theory]
    [InlineData("FT-2000/4")]
    [InlineData("ft-2000/4 发热")]
    public void A_model_number_ranks_the_articles_naming_it_first(string text)
    {
        var naming = demo.ById.Where(a => (a.Value.Title + a.Value.Symptom + a.Value.Cause + a.Value.Steps).Contains("FT-2000/4", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Key).ToHashSet();
        Assert.NotEmpty(naming);
        var hits = demo.Index.Search(new KnowledgeQuery(text, Take: 10)).Hits;
        Assert.Equal(naming, hits.Take(naming.Count).Select(h => h.Id).ToHashSet());
        // The model alone: only the articles naming it, not every numbered step's "4" or a year's "2000".
        if (!text.Contains(' ')) Assert.Equal(naming.Count, hits.Count);
    }

    [Fact]
    public void A_model_number_no_article_names_still_finds_those_sharing_a_part()
    {
        var hits = demo.Index.Search(new KnowledgeQuery("FT-2000/64", Take: 10)).Hits;
        Assert.Contains(hits, h => demo.ById[h.Id].Key == "ft2000-4-fan-noise");
    }

    [Fact]
    public void SmartCn_is_the_other_option_behind_the_same_switch()
    {
        using var directory = new RAMDirectory();
        using var index = new KnowledgeSearchIndex(directory, new KnowledgeSearchOptions { Analyzer = KnowledgeAnalyzer.SmartCn, BigramField = false });
        var id = Guid.NewGuid();
        index.Upsert(Doc(id, "银河麒麟V10 安装奔图打印机驱动失败的处理", steps: "执行 sudo dpkg -i pantum_arm64.deb"));
        index.Upsert(Doc(Guid.NewGuid(), "统信UOS 网络频繁中断"));
        index.Commit(2);

        Assert.Equal(id, index.Search(new KnowledgeQuery("打印机驱动 安装失败")).Hits[0].Id);
    }

    [Fact]
    public void Every_tag_must_match_exactly()
    {
        var all = demo.Index.Search(new KnowledgeQuery("驱动", Take: 100));
        var pantum = demo.Index.Search(new KnowledgeQuery("驱动", ["brand:奔图"], Take: 100));
        var kylinPantum = demo.Index.Search(new KnowledgeQuery("驱动", ["brand:奔图", "os:银河麒麟V10"], Take: 100));

        Assert.NotEmpty(pantum.Hits);
        Assert.True(pantum.Total < all.Total);
        Assert.All(pantum.Hits, h => Assert.Contains("brand:奔图", demo.ById[h.Id].Tags));
        Assert.All(kylinPantum.Hits, h => Assert.Superset(new HashSet<string> { "brand:奔图", "os:银河麒麟V10" }, demo.ById[h.Id].Tags.ToHashSet()));
        Assert.Equal(0, demo.Index.Search(new KnowledgeQuery("驱动", ["brand:奔"])).Total); // a prefix is not the tag
    }

    [Fact]
    public void Blank_text_lists_the_tagged_articles_newest_first()
    {
        var expected = demo.ById.Where(p => p.Value.Tags.Contains("category:peripheral")).Select(p => p.Key).ToHashSet();
        var result = demo.Index.Search(new KnowledgeQuery("  ", ["category:peripheral"], Take: 100));

        Assert.Equal(expected.Count, result.Total);
        Assert.Equal(expected, result.Hits.Select(h => h.Id).ToHashSet());
    }

    [Fact]
    public void For_users_only_leaves_out_the_technicians_articles()
    {
        var everyone = demo.Index.Search(new KnowledgeQuery("数据库", Take: 100));
        var users = demo.Index.Search(new KnowledgeQuery("数据库", ForUsersOnly: true, Take: 100));

        Assert.Contains(everyone.Hits, h => !demo.ById[h.Id].ForUsers);
        Assert.True(users.Total < everyone.Total);
        Assert.All(users.Hits, h => Assert.True(demo.ById[h.Id].ForUsers));
    }

    [Fact]
    public void Fragments_mark_the_words_and_encode_everything_else()
    {
        using var directory = new RAMDirectory();
        using var index = new KnowledgeSearchIndex(directory);
        var id = Guid.NewGuid();
        index.Upsert(Doc(id, "打印机驱动 <img src=x onerror=alert(1)> 安装",
            symptom: "打印机驱动安装后无法打印 & 报错",
            steps: "1. 打开终端 <script>alert(1)</script> 重新安装打印机驱动\n2. \"重启\" 'cups'"));
        index.Commit(1);

        var hit = Assert.Single(index.Search(new KnowledgeQuery("打印机驱动 alert")).Hits);

        Assert.Contains(hit.Fragments, f => f.Contains("<mark>"));
        Assert.Contains("<mark>", hit.TitleHtml);
        var html = string.Join("\n", hit.Fragments.Append(hit.TitleHtml));
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=", html);
        Assert.Contains("&amp;", html);
        Assert.Empty(System.Text.RegularExpressions.Regex.Matches(html, "<(?!/?mark>)"));
        Assert.Equal("打印机驱动 <img src=x onerror=alert(1)> 安装", hit.Title); // the plain title stays plain text
    }

    [Fact]
    public void Without_marks_or_fragments_a_hit_is_the_same_hit_its_title_and_symptom_encoded_and_unmarked()
    {
        using var directory = new RAMDirectory();
        using var index = new KnowledgeSearchIndex(directory);
        for (var i = 0; i < 5; i++)
            index.Upsert(Doc(Guid.NewGuid(), $"打印机驱动 <b>{i}</b> 安装", symptom: $"打印机驱动安装后无法打印 & 报错 {i}", steps: "重新安装打印机驱动"));
        index.Commit(1);

        var marked = index.Search(new KnowledgeQuery("打印机驱动 报错", Fragments: false)).Hits;
        var plain = index.Search(new KnowledgeQuery("打印机驱动 报错", Fragments: false, MarkTitles: false)).Hits;

        Assert.Equal(5, plain.Count);
        Assert.Equal(marked.Select(h => (h.Id, h.Score)), plain.Select(h => (h.Id, h.Score)));
        Assert.All(marked, h => Assert.Contains("<mark>", h.TitleHtml));
        Assert.All(plain, h => Assert.DoesNotContain("<", h.TitleHtml));
        Assert.All(plain, h => Assert.Contains("&lt;b&gt;", h.TitleHtml));
        Assert.All(plain, h => Assert.StartsWith("打印机驱动安装后无法打印 &amp; 报错", Assert.Single(h.Fragments)));
    }

    [Theory]
    [InlineData("title:(")]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("\"")]
    [InlineData("AND OR NOT")]
    [InlineData("((((]]]]{{{{ ~^ \\ / -- ++ && || !")]
    [InlineData("symptom:[* TO *] 打印机")]
    [InlineData("\0\u0001\u200b")]
    [InlineData("😀打印机😀")]
    public void A_hostile_query_does_not_throw(string text)
    {
        var result = demo.Index.Search(new KnowledgeQuery(text));
        Assert.True(result.Hits.Count <= 10);
    }

    [Fact]
    public void A_huge_query_is_capped_and_answers_quickly()
    {
        var huge = string.Concat(Enumerable.Repeat("银河麒麟V10 打印机 FT-2000/4 *:( ", 400)); // ~10,000 characters
        Assert.True(huge.Length >= 10_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = demo.Index.Search(new KnowledgeQuery(huge + "😀", Take: 1_000));

        Assert.NotEmpty(result.Hits);
        Assert.True(result.Hits.Count <= KnowledgeSearchIndex.MaxTake);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Single(demo.Index.Search(new KnowledgeQuery("打印机", Take: 0)).Hits);
    }

    [Fact]
    public void The_last_sequence_survives_reopening_and_uncommitted_changes_do_not()
    {
        var folder = Path.Combine(Path.GetTempPath(), "xf-kb-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var committed = Guid.NewGuid();
            var pending = Guid.NewGuid();
            using (var index = new KnowledgeSearchIndex(folder))
            {
                Assert.Equal(0, index.LastSequence);
                index.Upsert(Doc(committed, "海光 虚拟化 KVM 配置"));
                index.Commit(41);
                index.Commit(42);
                index.Upsert(Doc(pending, "海光 虚拟化 嵌套"));
                Assert.Equal(42, index.LastSequence);
            }
            using (var reopened = new KnowledgeSearchIndex(folder))
            {
                Assert.Equal(42, reopened.LastSequence);
                var hits = reopened.Search(new KnowledgeQuery("海光 虚拟化")).Hits;
                Assert.Equal([committed], hits.Select(h => h.Id));
            }
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_index_of_an_older_format_is_emptied_so_the_catch_up_rebuilds_it()
    {
        using var directory = new RAMDirectory();
        using (var old = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48,
                   new Lucene.Net.Analysis.Core.WhitespaceAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48))))
        {
            old.AddDocument(new Lucene.Net.Documents.Document { new Lucene.Net.Documents.StringField("id", Guid.NewGuid().ToString("N"), Lucene.Net.Documents.Field.Store.YES) });
            old.SetCommitData(new Dictionary<string, string> { ["xf.sequence"] = "7" });
            old.Commit();
        }
        using (var index = new KnowledgeSearchIndex(directory))
        {
            Assert.Equal(0, index.LastSequence);
            Assert.Equal(0, index.DocumentCount);
            index.Upsert(Doc(Guid.NewGuid(), "海光 虚拟化 KVM 配置"));
            index.Commit(7);
        }
        using var current = new KnowledgeSearchIndex(directory);   // the current format is kept
        Assert.Equal(7, current.LastSequence);
        Assert.Equal(1, current.DocumentCount);
    }

    [Fact]
    public void Delete_removes_and_upsert_replaces()
    {
        using var directory = new RAMDirectory();
        using var index = new KnowledgeSearchIndex(directory);
        var id = Guid.NewGuid();
        var other = Guid.NewGuid();
        index.Upsert(Doc(id, "龙芯 3A5000 浏览器 无法播放视频"));
        index.Upsert(Doc(other, "鲲鹏920 RAID 配置"));
        index.Commit(1);
        Assert.Equal(id, Assert.Single(index.Search(new KnowledgeQuery("龙芯 浏览器")).Hits).Id);

        index.Upsert(Doc(id, "兆芯 KX-6000 声卡 没有声音"));
        index.Commit(2);
        // The old text is gone (a weak single-character match on "芯" may remain, with the new title).
        Assert.All(index.Search(new KnowledgeQuery("龙芯 浏览器")).Hits, h => Assert.Equal("兆芯 KX-6000 声卡 没有声音", h.Title));
        Assert.Equal(id, Assert.Single(index.Search(new KnowledgeQuery("没有声音")).Hits).Id);
        Assert.Equal(2, index.DocumentCount);

        index.Delete(id);
        index.Commit(3);
        Assert.Empty(index.Search(new KnowledgeQuery("没有声音")).Hits);
        Assert.Equal(1, index.DocumentCount);
        Assert.Equal(3, index.LastSequence);
    }

    /// <summary>
    /// A searcher keeps each word's statistics between searches until the next commit (a ticket's suggestions search
    /// twice with the same words): a query asked again after others that share its words, and by many at once, ranks and
    /// scores exactly as the first time.
    /// </summary>
    [Fact]
    public async Task Kept_word_statistics_rank_and_score_as_the_first_search_did()
    {
        static string Key(KnowledgeSearchResult r) => string.Join(";", r.Hits.Select(h => $"{h.Id}:{h.Score:R}"));
        string[] queries = ["统信UOS 开机 黑屏", "打印机 驱动 安装 失败", "银河麒麟V10 打印机 卡纸", "UOS 20 1060 黑屏 无法进入桌面", "达梦 数据库 会话数 满"];
        using var directory = new RAMDirectory();
        using var index = new KnowledgeSearchIndex(directory);
        foreach (var a in DemoKnowledge.Load().Where(a => a.State == "published"))
            index.Upsert(new KnowledgeDocument(Guid.NewGuid(), a.Title, a.Symptom, a.Cause, a.Steps, a.Tags, a.ForUsers, null, T0));
        index.Commit(1);
        // Each query's first answer, on a searcher that had not seen its words before.
        var first = new Dictionary<string, string>();
        foreach (var q in queries)
        {
            var answer = index.Search(new KnowledgeQuery(q, Take: 20));
            Assert.NotEmpty(answer.Hits);
            first[q] = Key(answer);
        }
        Assert.Equal(first[queries[0]], Key(index.Search(new KnowledgeQuery(queries[0], Take: 20))));
        var again = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (queries[i % queries.Length], Key(index.Search(new KnowledgeQuery(queries[i % queries.Length], Take: 20)))))));
        Assert.All(again, a => Assert.Equal(first[a.Item1], a.Item2));
    }

    [Fact]
    public async Task Searches_run_while_the_writer_commits()
    {
        using var directory = new RAMDirectory();
        using var index = new KnowledgeSearchIndex(directory);
        var writer = Task.Run(() =>
        {
            for (var i = 1; i <= 50; i++)
            {
                index.Upsert(Doc(Guid.NewGuid(), $"统信UOS 系统升级失败 第{i}例"));
                index.Commit(i);
            }
        });
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!writer.IsCompleted) index.Search(new KnowledgeQuery("系统升级 失败"));
        })).ToArray();
        await Task.WhenAll([writer, .. readers]);

        Assert.Equal(50, index.Search(new KnowledgeQuery("系统升级 失败", Take: 100)).Total);
    }

    [Fact]
    public void Function_words_are_left_out_of_a_query_not_out_of_the_articles()
    {
        // "的", "在", "了" weigh nothing and would score nearly every article: the query is its other words.
        var wordy = demo.Index.Search(new KnowledgeQuery("在麒麟上的打印机驱动安装了失败", Take: 5));
        Assert.Equal("kylin-pantum-driver-install", demo.ById[wordy.Hits[0].Id].Key);
        Assert.DoesNotContain(wordy.Hits.SelectMany(h => h.Fragments.Append(h.TitleHtml)), f => f.Contains("<mark>的</mark>"));
        Assert.Empty(demo.Index.Search(new KnowledgeQuery("的 了 在")).Hits);   // nothing left to look for
    }

    [Theory]
    [InlineData("银河麒麟V10 打印机驱动安装失败 单位新采购的奔图打印机在麒麟系统上安装驱动时提示依赖错误，双击安装包后没有反应", "kylin-pantum-driver-install")]
    [InlineData("统信UOS 20 1060 电脑开机黑屏 办公室一台统信系统的电脑昨天晚上自动升级后，今天开机只显示一个鼠标箭头，桌面和任务栏都不出来", "uos-1060-black-screen")]
    [InlineData("业务系统连不上数据库 银河麒麟V10 达梦DM8 从上午开始业务系统频繁提示无法连接数据库，日志里说会话数已满", "dm8-session-limit")]
    public void A_tickets_text_suggests_its_article(string text, string key)
    {
        var hits = demo.Index.Search(new KnowledgeQuery(text, Take: 5)).Hits;
        Assert.Contains(key, hits.Select(h => demo.ById[h.Id].Key));
    }

    [Fact]
    public void A_long_text_is_searched_by_its_rarest_words()
    {
        // Thirty words, most of them in many articles: the 24 searched are the rarest, the model number and 卡纸 among them.
        const string text = "办公室的同事反映电脑使用起来一直不太正常，重启以后还是老样子，麻烦尽快安排工程师上门看一下，另外楼下那台 P3301DN 经常卡纸";
        var hits = demo.Index.Search(new KnowledgeQuery(text, Take: 5)).Hits;
        Assert.Equal("pantum-p3301dn-paper-jam", demo.ById[hits[0].Id].Key);
        Assert.Contains("<mark>P3301DN</mark>", hits[0].TitleHtml);
    }

    [Fact]
    public void Compact_merges_into_one_segment_and_keeps_the_documents_and_the_sequence()
    {
        var folder = Path.Combine(Path.GetTempPath(), "xf-kb-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var ids = new List<Guid>();
            using (var index = new KnowledgeSearchIndex(folder))
            {
                for (var i = 1; i <= 6; i++)
                {
                    ids.Add(Guid.NewGuid());
                    index.Upsert(Doc(ids[^1], $"鲲鹏920 服务器 RAID 配置 第{i}台"));
                    index.Commit(i);                                            // a segment per commit
                }
                index.Delete(ids[0]);
                index.Commit(7);
                Assert.True(SegmentCount(folder) > 1);
                index.Compact();
                Assert.Equal(1, SegmentCount(folder));
                Assert.Equal(7, index.LastSequence);
                Assert.Equal(5, index.Search(new KnowledgeQuery("鲲鹏920 RAID", Take: 100)).Total);
            }
            using (var reopened = new KnowledgeSearchIndex(folder))
            {
                Assert.Equal(7, reopened.LastSequence);
                Assert.Equal(ids.Skip(1).Order(), reopened.Search(new KnowledgeQuery("鲲鹏920 RAID", Take: 100)).Hits.Select(h => h.Id).Order());
            }
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }

        static int SegmentCount(string folder)
        {
            var infos = new Lucene.Net.Index.SegmentInfos();
            using var dir = FSDirectory.Open(folder);
            infos.Read(dir);
            return infos.Count;
        }
    }

    private static KnowledgeDocument Doc(Guid id, string title, string symptom = "", string cause = "", string steps = "", string[]? tags = null, bool forUsers = true) =>
        new(id, title, symptom, cause, steps, tags ?? [], forUsers, null, T0);
}
