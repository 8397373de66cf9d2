using System.Diagnostics;
using System.Text.Json;
using Lucene.Net.Store;
using XinchuangFlow.Infrastructure.Knowledge;

namespace XinchuangFlow.Benchmarks;

/// <summary>
/// Issue 22 (KB-2): the knowledge search's analyzer options measured on the 48 published demo articles and the
/// 40 queries of knowledge-queries.json (quality), and on N synthetic articles recombined from the demo texts (speed).
/// </summary>
internal static class KnowledgeWorkloads
{
    public sealed record QueryCase(string Q, string[] Relevant);

    public sealed record Result(
        string Name, double RecallAt3, double Mrr, IReadOnlyList<string> Misses, IReadOnlyList<int> Ranks,
        int Synthetic, TimeSpan IndexTime, double P50, double P95, long IndexBytes);

    public static IReadOnlyList<(string Name, KnowledgeSearchOptions Options)> Configurations =>
    [
        ("jieba", new KnowledgeSearchOptions { Analyzer = KnowledgeAnalyzer.Jieba, BigramField = false }),
        ("jieba + bigram field", new KnowledgeSearchOptions { Analyzer = KnowledgeAnalyzer.Jieba, BigramField = true }),
        ("SmartCn", new KnowledgeSearchOptions { Analyzer = KnowledgeAnalyzer.SmartCn, BigramField = false }),
        ("SmartCn + bigram field", new KnowledgeSearchOptions { Analyzer = KnowledgeAnalyzer.SmartCn, BigramField = true }),
    ];

    public static IReadOnlyList<QueryCase> LoadQueries() =>
        JsonSerializer.Deserialize<List<QueryCase>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "knowledge-queries.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    public static Result Run(string name, KnowledgeSearchOptions options, int synthetic, int rounds)
    {
        var published = DemoKnowledge.Load().Where(a => a.State == "published").ToList();
        var queries = LoadQueries();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // Quality: the published demo articles only.
        var keyOf = new Dictionary<Guid, string>();
        double found = 0, reciprocal = 0;
        var misses = new List<string>();
        var ranks = new List<int>();
        using (var ram = new RAMDirectory())
        using (var index = new KnowledgeSearchIndex(ram, options))
        {
            for (var i = 0; i < published.Count; i++)
            {
                var a = published[i];
                var id = Guid.NewGuid();
                keyOf[id] = a.Key;
                index.Upsert(new KnowledgeDocument(id, a.Title, a.Symptom, a.Cause, a.Steps, a.Tags, a.ForUsers, null, start.AddDays(i)));
            }
            index.Commit(1);
            foreach (var q in queries)
            {
                var keys = index.Search(new KnowledgeQuery(q.Q, Take: 10)).Hits.Select(h => keyOf[h.Id]).ToList();
                var rank = keys.FindIndex(k => q.Relevant.Contains(k));
                ranks.Add(rank + 1);
                if (rank is >= 0 and < 3) found++;
                else misses.Add($"「{q.Q}」 → {(keys.Count == 0 ? "nothing" : string.Join(", ", keys.Take(3)))}{(rank >= 0 ? $" (relevant at {rank + 1})" : "")}");
                if (rank >= 0) reciprocal += 1.0 / (rank + 1);
            }
        }

        // Speed: N synthetic articles on disk, recombined from the demo texts.
        var folder = Path.Combine(Path.GetTempPath(), "xf-kb-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var random = new Random(22);
            var documents = Enumerable.Range(0, synthetic).Select(i =>
            {
                var a = published[random.Next(published.Count)];
                var b = published[random.Next(published.Count)];
                var c = published[random.Next(published.Count)];
                return new KnowledgeDocument(Guid.NewGuid(), $"{a.Title}（{i}）", b.Symptom, c.Cause, a.Steps,
                    [.. a.Tags, .. b.Tags.Take(1)], random.Next(2) == 0, null, start.AddMinutes(i));
            }).ToList();
            TimeSpan indexTime;
            var times = new List<double>();
            using (var index = new KnowledgeSearchIndex(folder, options))
            {
                var sw = Stopwatch.StartNew();
                var sequence = 0L;
                foreach (var d in documents)
                {
                    index.Upsert(d);
                    if (++sequence % 5_000 == 0) index.Commit(sequence);
                }
                index.Commit(sequence);
                indexTime = sw.Elapsed;
                foreach (var q in queries) index.Search(new KnowledgeQuery(q.Q)); // warm-up
                for (var r = 0; r < rounds; r++)
                {
                    foreach (var q in queries)
                    {
                        var t = Stopwatch.GetTimestamp();
                        index.Search(new KnowledgeQuery(q.Q, Take: 10));
                        times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    }
                }
            }
            var bytes = new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length);
            times.Sort();
            return new Result(name, found / queries.Count, reciprocal / queries.Count, misses, ranks, synthetic, indexTime,
                Percentile(times, 0.50), Percentile(times, 0.95), bytes);
        }
        finally
        {
            try { System.IO.Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    public static IEnumerable<string> Show(string text)
    {
        using var ram = new RAMDirectory();
        using var index = new KnowledgeSearchIndex(ram);
        var keyOf = new Dictionary<Guid, string>();
        foreach (var a in DemoKnowledge.Load().Where(a => a.State == "published"))
        {
            var id = Guid.NewGuid();
            keyOf[id] = a.Key;
            index.Upsert(new KnowledgeDocument(id, a.Title, a.Symptom, a.Cause, a.Steps, a.Tags, a.ForUsers, null, DateTimeOffset.UnixEpoch));
        }
        index.Commit(1);
        var result = index.Search(new KnowledgeQuery(text, Take: 5));
        yield return $"{result.Total} hits ({index.Options.Analyzer}, bigram field {index.Options.BigramField})";
        foreach (var hit in result.Hits)
        {
            yield return $"{hit.Score,7:0.00}  {keyOf[hit.Id]}  {hit.TitleHtml}";
            foreach (var fragment in hit.Fragments) yield return $"         … {fragment}";
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
