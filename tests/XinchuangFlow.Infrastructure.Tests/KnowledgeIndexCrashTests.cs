using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using XinchuangFlow.Infrastructure.Knowledge;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;
using XinchuangFlow.Testing;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// Issue 22 (KB-2) with real processes: "a test kills the process between commit and index update and finds the
/// article after the restart". The built XinchuangFlow.Web runs as a node (<see cref="AppNode"/>) on one database and
/// one index folder (<c>Knowledge:IndexPath</c>). A first node publishes an article and indexes it, so the folder holds
/// an index at that change. A second node is started with <c>Knowledge:IndexCatchUp=false</c> — it never applies the
/// change feed — and an article is written, submitted and approved through its API: committed in the database, and
/// for seconds of searches not in its index. That node is killed with SIGKILL; the index on disk is still at the first
/// change; a node started again with the default settings on the same database and folder finds the article, with its
/// fragment, at its first search (it caught up from where its index stopped). Then the folder is deleted and a node
/// started again rebuilds the index from the database and finds both articles.
/// </summary>
public abstract class KnowledgeIndexCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xf-kb-crash-" + Guid.NewGuid().ToString("N"));
    private readonly List<AppNode> _nodes = [];
    protected abstract ITestDatabases Databases { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) node.Dispose();
        await Databases.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private string IndexPath => Path.Combine(_folder, "kb-index");

    private async Task<AppNode> NodeAsync(string name, string cs, bool catchUp = true)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = Databases.Provider.ToString(),
            ["ConnectionStrings__Default"] = cs,
            ["Security__KeyFile"] = Path.Combine(_folder, "cluster.key"),
            ["Seed__DemoTickets"] = "0",
            ["Notifications__PollSeconds"] = "0",
            ["Limits__LoginRequestsPerMinute"] = "10000",
            ["Knowledge__IndexPath"] = IndexPath,
        };
        if (!catchUp) settings["Knowledge__IndexCatchUp"] = "false";
        var started = Stopwatch.StartNew();
        var node = await AppNode.StartAsync(name, settings);
        output.WriteLine($"node {name} healthy after {started.Elapsed.TotalSeconds:0.0} s{(catchUp ? "" : " (Knowledge:IndexCatchUp=false)")}");
        _nodes.Add(node);
        return node;
    }

    private static async Task<HttpClient> SignInAsync(AppNode node, string email, string password)
    {
        using var login = node.Client();
        var response = await login.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.True(response.IsSuccessStatusCode, $"{email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        return node.Client(new AuthenticationHeaderValue("Bearer", token));
    }

    /// <summary>Written by the demo technician, submitted, approved by the Data Bureau — all through the node's API.</summary>
    private static async Task<string> PublishAsync(AppNode node, JsonObject article)
    {
        using var tech = await SignInAsync(node, "tech@xinchuang.local", "Demo#2026xf");
        using var admin = await SignInAsync(node, "admin@xinchuang.local", "Admin#2026xf");
        var created = await tech.PostAsJsonAsync("/api/knowledge/articles", article);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal("submitted", await StatusAsync(await tech.PostAsync($"/api/knowledge/articles/{id}/submit", null)));
        Assert.Equal("published", await StatusAsync(await admin.PostAsJsonAsync($"/api/knowledge/articles/{id}/review", new { decision = "approve", comment = "可以发布" })));
        return id;
    }

    private static async Task<string> StatusAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
    }

    private static async Task<JsonArray> SearchAsync(HttpClient api, string q) =>
        (await api.GetFromJsonAsync<JsonObject>("/api/knowledge/search?take=10&q=" + Uri.EscapeDataString(q)))!["hits"]!.AsArray();

    private static bool Has(JsonArray hits, string id) => hits.Any(h => h!["id"]!.GetValue<string>() == id);

    private static readonly JsonObject Printer = new()
    {
        ["kind"] = "common", ["title"] = "银河麒麟V10 打印机驱动安装失败", ["symptom"] = "安装奔图打印机驱动时提示依赖错误",
        ["cause"] = "系统缺少 cups 依赖包", ["steps"] = "1. 安装 cups 依赖\n2. 重新安装驱动", ["tags"] = new JsonArray("os:银河麒麟V10", "category:peripheral"), ["forUsers"] = false,
    };

    private static readonly JsonObject Screen = new()
    {
        ["kind"] = "solution", ["title"] = "统信UOS 1060 开机黑屏", ["symptom"] = "升级到统信UOS 1060 后开机黑屏，只有鼠标指针可以移动",
        ["cause"] = "显卡驱动与新内核不兼容", ["steps"] = "1. 进入恢复模式\n2. 安装适配的显卡驱动", ["tags"] = new JsonArray("os:统信UOS 20 1060", "category:os"), ["forUsers"] = false,
    };

    /// <summary>Folders a node makes beside the configured one when it cannot take the index (then it would rebuild, not catch up).</summary>
    private string[] Siblings() => Directory.GetDirectories(_folder, "kb-index-*");

    [Fact]
    public async Task KilledBetweenCommitAndIndex_TheRestartedNodeFindsTheArticle_AndADeletedIndexIsRebuilt()
    {
        Directory.CreateDirectory(_folder);
        var cs = await Databases.CreateAsync();

        // 1. A node publishes the first article and its search finds it: the folder holds an index at that change.
        var first = await NodeAsync("indexing", cs);
        var printer = await PublishAsync(first, Printer);
        using (var api = await SignInAsync(first, "tech@xinchuang.local", "Demo#2026xf"))
        {
            var deadline = Stopwatch.StartNew();
            while (!Has(await SearchAsync(api, "麒麟 打印机"), printer) && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(200);
            Assert.True(Has(await SearchAsync(api, "麒麟 打印机"), printer), "the first node never indexed the first article");
        }
        first.Kill();

        // 2. A node that never applies the change feed: the second article is committed, its index never gets it.
        var frozen = await NodeAsync("frozen", cs, catchUp: false);
        var screen = await PublishAsync(frozen, Screen);
        using (var api = await SignInAsync(frozen, "tech@xinchuang.local", "Demo#2026xf"))
        {
            Assert.Equal("published", (await api.GetFromJsonAsync<JsonObject>($"/api/knowledge/articles/{screen}"))!["status"]!.GetValue<string>());
            // Searched again and again for longer than the index job's round (5 s) and the search's freshness (1 s): never there.
            var watched = Stopwatch.StartNew();
            var searches = 0;
            while (watched.Elapsed < TimeSpan.FromSeconds(6))
            {
                Assert.False(Has(await SearchAsync(api, "UOS 1060 黑屏"), screen), $"the frozen node indexed the article after {watched.Elapsed}");
                searches++;
                await Task.Delay(500);
            }
            Assert.True(Has(await SearchAsync(api, "麒麟 打印机"), printer));   // the index is open and answers: only the change is missing
            output.WriteLine($"{searches} searches on the frozen node in {watched.Elapsed.TotalSeconds:0.0} s: the published article was never found");
        }
        Assert.Contains("Knowledge:IndexCatchUp is false", frozen.Log);
        Assert.True(Directory.Exists(IndexPath), "the index folder exists before the kill");
        frozen.Kill();

        // On disk, after the kill: the index of the first article's change, without the second article.
        using (var onDisk = new KnowledgeSearchIndex(IndexPath))
        {
            Assert.Equal(1, onDisk.DocumentCount);
            Assert.Equal(1, onDisk.LastSequence);
            Assert.DoesNotContain(onDisk.Search(new KnowledgeQuery("UOS 1060 黑屏")).Hits, h => h.Id == Guid.Parse(screen));
        }
        Assert.Empty(Siblings());

        // 3. Started again with the default settings, same database, same folder: the first search finds it, with its fragment.
        var back = await NodeAsync("restarted", cs);
        using (var api = await SignInAsync(back, "tech@xinchuang.local", "Demo#2026xf"))
        {
            var hits = await SearchAsync(api, "UOS 1060 黑屏");
            Assert.Equal(screen, hits[0]!["id"]!.GetValue<string>());
            Assert.Contains("<mark>", hits[0]!["title"]!.GetValue<string>());
            var fragments = hits[0]!["fragments"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
            output.WriteLine($"after the restart: {hits[0]!["title"]} — {string.Join(" … ", fragments)}");
            Assert.Contains(fragments, f => f.Contains("<mark>") && f.Contains("鼠标指针"));
            Assert.True(Has(await SearchAsync(api, "麒麟 打印机"), printer));
        }
        Assert.Empty(Siblings());                                             // caught up in the same folder, not a fresh index beside it
        Assert.DoesNotContain("is held by another node", back.Log);
        back.Kill();

        // 4. The folder deleted: the next node rebuilds the index from the database and finds both articles.
        Directory.Delete(IndexPath, recursive: true);
        var rebuilt = await NodeAsync("rebuilt", cs);
        using (var api = await SignInAsync(rebuilt, "tech@xinchuang.local", "Demo#2026xf"))
        {
            var hits = await SearchAsync(api, "UOS 1060 黑屏");
            Assert.Equal(screen, hits[0]!["id"]!.GetValue<string>());
            Assert.Contains(hits[0]!["fragments"]!.AsArray(), f => f!.GetValue<string>().Contains("<mark>"));
            Assert.True(Has(await SearchAsync(api, "麒麟 打印机"), printer));
        }
        Assert.True(Directory.Exists(IndexPath));
        Assert.Empty(Siblings());

        foreach (var node in _nodes)
        {
            var errors = node.Log.Split('\n').Where(l => l.Contains("\"LogLevel\":\"Error\"") || l.Contains("\"LogLevel\":\"Critical\"")).ToList();
            Assert.True(errors.Count == 0, $"node {node.Name} logged errors:\n{string.Join("\n", errors.Take(5))}");
        }
    }
}

public sealed class SqliteKnowledgeIndexCrashTests(ITestOutputHelper output) : KnowledgeIndexCrashTests(output)
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlKnowledgeIndexCrashTests(ITestOutputHelper output) : KnowledgeIndexCrashTests(output)
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
