using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace XinchuangFlow.Infrastructure.Knowledge;

/// <summary>
/// The knowledge base's full-text index (KB-2): one Lucene index on disk, written by one <see cref="IndexWriter"/>
/// and read through a <see cref="SearcherManager"/> refreshed after each <see cref="Commit"/>. The caller applies the
/// committed changes of the database in order (<see cref="Upsert"/>, <see cref="Delete"/>) and then commits with the
/// sequence of the last change applied, which is stored in the Lucene commit itself: after a crash or on another node
/// <see cref="LastSequence"/> says where to resume. Changes not committed are rolled back on dispose; replaying them
/// is harmless because both operations are idempotent by id.
/// </summary>
public sealed partial class KnowledgeSearchIndex : IDisposable
{
    public const int MaxQueryLength = 200;
    /// <summary>At most this many words of a text are searched, and this many of its bigram terms (see <see cref="Rarest"/>).</summary>
    public const int MaxQueryTerms = 24;
    /// <summary>The distinct words (and bigram terms) of a text read before the rarest are chosen: a ticket's description reaches past its title.</summary>
    private const int QueryTermsRead = 48;
    public const int MaxTake = 100;

    /// <summary>The most hits passed over (a page far down a ranked list says nothing a better query would not).</summary>
    public const int MaxSkip = 1_000;
    private const int FragmentSize = 90;
    private const string SequenceKey = "xf.sequence";
    private const string FormatKey = "xf.format";

    /// <summary>
    /// What a document holds, as a version: an index committed under another format (or none) is emptied when opened and
    /// rebuilt by the catch-up from the change feed. 2: an article's steps are indexed as plain text, not Markdown. 3: its
    /// symptom and cause too.
    /// </summary>
    public const string Format = "3";

    // Fields. Text fields are stored for highlighting; "tag" holds each tag exactly for filtering.
    private const string IdField = "id";
    private const string TitleField = "title";
    private const string SymptomField = "symptom";
    private const string CauseField = "cause";
    private const string StepsField = "steps";
    private const string TagsTextField = "tags_text";
    private const string BigramField = "all_bigram";
    private const string TagField = "tag";
    private const string ForUsersField = "for_users";
    private const string EnterpriseField = "enterprise";
    private const string UpdatedField = "updated";
    /// <summary>"ticket" on resolved tickets; articles have none (so an index written before tickets joined it reads the same).</summary>
    private const string TypeField = "type";
    private const string TicketType = "ticket";

    /// <summary>Query-time weights: the title counts most, then symptom and tags (what a searcher describes).</summary>
    private static readonly (string Field, float Boost)[] TextFields =
    [
        (TitleField, 3f), (SymptomField, 1.5f), (TagsTextField, 1.5f), (CauseField, 1f), (StepsField, 1f),
    ];

    private const float BigramBoost = 0.4f;

    private static readonly string[] FragmentFields = [SymptomField, CauseField, StepsField];
    private static readonly ISet<string> FieldsOfAHit = new HashSet<string>([IdField, TitleField, SymptomField], StringComparer.Ordinal);
    private static readonly ISet<string> FieldsWithFragments = new HashSet<string>([IdField, TitleField, .. FragmentFields], StringComparer.Ordinal);

    private readonly LuceneDirectory directory;
    private readonly bool ownsDirectory;
    private readonly Analyzer textAnalyzer;
    private readonly Analyzer bigramAnalyzer;
    private readonly Analyzer indexAnalyzer;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly object writeGate = new();
    private long lastSequence;
    private bool disposed;

    public KnowledgeSearchOptions Options { get; }

    /// <summary>Opens (or creates) the index in the folder <paramref name="path"/>.</summary>
    public KnowledgeSearchIndex(string path, KnowledgeSearchOptions? options = null)
        : this(FSDirectory.Open(System.IO.Directory.CreateDirectory(path).FullName), options, ownsDirectory: true)
    {
    }

    /// <summary>Opens (or creates) the index in <paramref name="directory"/> (e.g. a RAMDirectory in tests); the caller keeps it.</summary>
    public KnowledgeSearchIndex(LuceneDirectory directory, KnowledgeSearchOptions? options = null)
        : this(directory, options, ownsDirectory: false)
    {
    }

    private KnowledgeSearchIndex(LuceneDirectory directory, KnowledgeSearchOptions? options, bool ownsDirectory)
    {
        Options = options ?? KnowledgeSearchOptions.Default;
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        textAnalyzer = Options.Analyzer switch
        {
            KnowledgeAnalyzer.SmartCn => new SmartChineseAnalyzer(LuceneVersion.LUCENE_48),
            _ => new JiebaAnalyzer(),
        };
        bigramAnalyzer = new BigramAnalyzer();
        indexAnalyzer = new PerFieldAnalyzerWrapper(textAnalyzer, new Dictionary<string, Analyzer> { [BigramField] = bigramAnalyzer });
        var similarity = new BM25Similarity();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, indexAnalyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = similarity,
            // Few segments: a query of 30 words in 5 fields looks each word up in every segment, about 1 ms a segment
            // for a ticket's text (measured). Lucene's default lets a running node's small commits (one per catch-up)
            // pile up to 10–20 segments; merging three at a time, everything under 16 MB alike, keeps it under 10
            // (7–9 measured at 100,000 articles).
            // Articles change a few hundred times a day, so the extra merging costs nothing that matters.
            MergePolicy = new TieredMergePolicy { SegmentsPerTier = 3, MaxMergeAtOnce = 3, FloorSegmentMB = 16 },
        };
        writer = new IndexWriter(directory, config);
        lastSequence = ReadSequence(writer.CommitData);
        if (lastSequence > 0 && (writer.CommitData?.TryGetValue(FormatKey, out var format) != true || format != Format))
        {
            writer.DeleteAll();
            writer.SetCommitData(CommitData(0));
            writer.Commit();
            lastSequence = 0;
        }
        searchers = new SearcherManager(writer, true, new Factory(similarity));
    }

    /// <summary>The sequence given to the last <see cref="Commit"/> of this index (0 when never committed).</summary>
    public long LastSequence => Interlocked.Read(ref lastSequence);

    /// <summary>Documents visible to searches (as of the last commit).</summary>
    public int DocumentCount
    {
        get
        {
            var searcher = searchers.Acquire();
            try { return searcher.IndexReader.NumDocs; }
            finally { searchers.Release(searcher); }
        }
    }

    /// <summary>Adds the document or replaces the one with the same id; visible to searches after the next commit.</summary>
    public void Upsert(KnowledgeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var doc = ToLucene(document, Options.BigramField);
        lock (writeGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            writer.UpdateDocument(new Term(IdField, Key(document.Id)), doc);
        }
    }

    public void Delete(Guid id)
    {
        lock (writeGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            writer.DeleteDocuments(new Term(IdField, Key(id)));
        }
    }

    /// <summary>Makes the changes so far durable together with <paramref name="sequence"/> and visible to searches.</summary>
    public void Commit(long sequence)
    {
        lock (writeGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            writer.SetCommitData(CommitData(sequence));
            writer.Commit();
            Interlocked.Exchange(ref lastSequence, sequence);
        }
        searchers.MaybeRefreshBlocking();
    }

    /// <summary>
    /// Merges the index into one segment and commits it with the last sequence. A search scores every segment apart, so
    /// after a bulk catch-up (a rebuild commits a segment every few thousand changes) one segment scores 1.5–1.7 times
    /// as fast (measured at 100,000 articles). Slow on a large index (seconds): for after a bulk load, not after each change.
    /// </summary>
    public void Compact()
    {
        lock (writeGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            writer.ForceMerge(1);
            writer.SetCommitData(CommitData(LastSequence));
            writer.Commit();
        }
        searchers.MaybeRefreshBlocking();
    }

    public KnowledgeSearchResult Search(KnowledgeQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var skip = Math.Clamp(query.Skip, 0, MaxSkip);
        var take = Math.Clamp(query.Take, 1, MaxTake);
        var wanted = skip + take;   // Lucene ranks the first skip + take; the page is the last take of them
        var text = Normalize(query.Text);
        var filter = BuildFilter(query, text.Length > 0);
        var searcher = searchers.Acquire();
        try
        {
            Query? textQuery = null;
            if (text.Length > 0)
            {
                textQuery = BuildTextQuery(text, (KeepingSearcher)searcher);
                if (textQuery is null) return KnowledgeSearchResult.Empty; // only punctuation or operators: nothing to look for
            }
            TopDocs top;
            if (textQuery is null)
            {
                var sort = new Sort(new SortField(UpdatedField, SortFieldType.INT64, true));
                top = searcher.Search(new MatchAllDocsQuery(), filter, wanted, sort);
            }
            else
            {
                // Articles only, without tags: "not a ticket" as a clause of the query rather than a filter. With any
                // filter Lucene scores document by document through every clause (measured: a suggestion at 100,000
                // articles 47 → 203 ms p50); a prohibited clause keeps its bulk scoring, and changes no score.
                if (!query.Tickets && filter is null && textQuery is BooleanQuery words)
                    words.Add(new TermQuery(new Term(TypeField, TicketType)), Occur.MUST_NOT);
                // A query that is only model numbers ("FT-2000/4") finds the articles naming one of them as written;
                // only when none does, those sharing a part of it.
                if (OnlyModelNumbers(text) && RequireModels(textQuery) is { } exact && searcher.Search(exact, filter, wanted) is { TotalHits: > 0 } named)
                    (textQuery, top) = (exact, named);
                else top = searcher.Search(textQuery, filter, wanted);
            }
            var hits = new List<KnowledgeHit>(top.ScoreDocs.Length);
            var highlighter = textQuery is null || !(query.MarkTitles || query.Fragments) ? null : new HighlightContext(textQuery, textAnalyzer);
            // Only the stored fields the hit shows are read (a ticket's document stores its resolution and more).
            var fields = query.Fragments ? FieldsWithFragments : FieldsOfAHit;
            foreach (var scoreDoc in top.ScoreDocs.Skip(skip))
            {
                var doc = searcher.Doc(scoreDoc.Doc, fields);
                var title = doc.Get(TitleField) ?? "";
                var titleHtml = (query.MarkTitles ? highlighter?.Best(TitleField, title, int.MaxValue) : null) ?? MarkEncoder.Encode(title);
                var fragments = new List<string>(FragmentFields.Length);
                if (highlighter is not null && query.Fragments)
                {
                    foreach (var field in FragmentFields)
                        if (highlighter.Best(field, doc.Get(field) ?? "", FragmentSize) is { } fragment) fragments.Add(fragment);
                }
                if (fragments.Count == 0) fragments.Add(MarkEncoder.Encode(Prefix(doc.Get(SymptomField) ?? "", FragmentSize)));
                hits.Add(new KnowledgeHit(Guid.Parse(doc.Get(IdField)), float.IsNaN(scoreDoc.Score) ? 0f : scoreDoc.Score, title, titleHtml, fragments));
            }
            return new KnowledgeSearchResult(top.TotalHits, hits);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Each distinct word of the text (as the Chinese analyzer cuts it) may match in any text field, scored by the
    /// best field (title ×3, …); words are OR-ed, so more matched words rank higher. With the bigram field, the
    /// text's CJK bigrams, single CJK characters and other words are OR-ed in with a lower weight, catching words
    /// the segmenter cut differently in the article and in the query ("断网" against "网络…中断"). No query syntax exists: nothing is parsed, only analyzed.
    /// Function words are left out (<see cref="QueryStopWords"/>); a long text keeps its rarest terms (<see cref="Rarest"/>).
    /// </summary>
    private Query? BuildTextQuery(string text, KeepingSearcher searcher)
    {
        var query = new BooleanQuery(disableCoord: false);
        var models = ModelNumbers(text);
        // A lone digit ("4" of "FT-2000/4") matches every numbered step: it counts only inside its model number's phrase.
        var words = Rarest(Terms(textAnalyzer, SymptomField, text), w => TextFields.Sum(f => (long)searcher.Context(new Term(f.Field, w)).DocFreq))
            .Where(w => !(models.Count > 0 && w.Length == 1 && char.IsAsciiDigit(w[0]))).ToList();
        foreach (var model in models)
        {
            var positions = Positions(textAnalyzer, SymptomField, model);   // one analyzer for every text field
            if (positions.Count < 2) continue;
            var phrase = new DisjunctionMaxQuery(0.1f);
            foreach (var (field, boost) in TextFields)
            {
                var p = new PhraseQuery { Boost = boost * ModelBoost };
                foreach (var (term, position) in positions) p.Add(new Term(field, term), position);
                phrase.Add(p);
            }
            query.Add(phrase, Occur.SHOULD);
        }
        foreach (var term in words)
        {
            var best = new DisjunctionMaxQuery(0.1f);
            foreach (var (field, boost) in TextFields) best.Add(searcher.Query(new Term(field, term), boost));
            query.Add(best, Occur.SHOULD);
        }
        if (Options.BigramField)
        {
            foreach (var term in Rarest(Terms(bigramAnalyzer, BigramField, text), g => searcher.Context(new Term(BigramField, g)).DocFreq))
                query.Add(searcher.Query(new Term(BigramField, term), BigramBoost), Occur.SHOULD);
        }
        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>The filter of a search: its tags, "for users", and articles or tickets; null for articles with text and nothing else (see <see cref="Search"/>).</summary>
    private static Filter? BuildFilter(KnowledgeQuery query, bool hasText)
    {
        if (hasText && !query.Tickets && !query.ForUsersOnly && !(query.Tags ?? []).Any(t => !string.IsNullOrWhiteSpace(t))) return null;
        var must = new BooleanQuery();
        foreach (var tag in (query.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct())
            must.Add(new TermQuery(new Term(TagField, tag.Trim())), Occur.MUST);
        if (query.ForUsersOnly) must.Add(new TermQuery(new Term(ForUsersField, "1")), Occur.MUST);
        if (query.Tickets) must.Add(new TermQuery(new Term(TypeField, TicketType)), Occur.MUST);
        else
        {
            // Articles: everything that is not a ticket (a query of only MUST_NOT matches nothing, hence the match-all).
            if (must.Clauses.Count == 0) must.Add(new MatchAllDocsQuery(), Occur.MUST);
            must.Add(new TermQuery(new Term(TypeField, TicketType)), Occur.MUST_NOT);
        }
        return new QueryWrapperFilter(must);
    }

    /// <summary>
    /// Chinese function words left out of a query (not of the index): they are in nearly every article, so they weigh
    /// almost nothing in BM25 yet are the longest posting lists to score, and in a ticket's text they took places among
    /// the 32 words. Measured (docs/performance.md, "Knowledge search at 100,000 articles"): the 40 benchmark queries
    /// rank as before; a ticket's text is searched in about 30 % less time.
    /// </summary>
    private static readonly IReadOnlySet<string> QueryStopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "的", "了", "在", "是", "和", "与", "及", "或", "也", "就", "都", "而", "并", "被", "把", "对", "从", "到", "后", "时", "上", "里",
        "着", "过", "又", "还", "很", "这", "那", "这个", "那个", "一个", "有", "没", "能", "会", "要", "可以", "已", "已经", "吗", "呢", "吧", "啊",
        "我", "你", "他", "我们", "他们", "之", "其", "为", "以", "于", "等",
    };

    /// <summary>
    /// A short query's terms as they are. A long text's (a ticket's title, OS and description: more than
    /// <see cref="MaxQueryTerms"/>) are cut to the <see cref="MaxQueryTerms"/> that the fewest articles contain, after
    /// dropping those no article contains (they match nothing and BM25 has no coordination factor, so no score
    /// changes). The common words left out weigh least in BM25 and cost the most (the longest posting lists): at
    /// 100,000 articles a suggestion's p50 fell by a fifth and its p95 by a quarter, the suggested articles the same
    /// (docs/performance.md).
    /// </summary>
    private static List<string> Rarest(List<string> terms, Func<string, long> documentFrequency)
    {
        if (terms.Count <= MaxQueryTerms) return terms;
        return terms.Select(t => (Term: t, Frequency: documentFrequency(t))).Where(t => t.Frequency > 0)
            .OrderBy(t => t.Frequency).Take(MaxQueryTerms).Select(t => t.Term).ToList();
    }

    /// <summary>How much more a model number written together ("FT-2000/4", "P3301DN-2") weighs than its parts.</summary>
    private const float ModelBoost = 4f;

    /// <summary>
    /// The model numbers of a query: words of letters and digits joined by '-', '/', '.' or '_' ("FT-2000/4",
    /// "KX-6000", "3A5000/2"), at most four — each becomes a phrase, so the articles naming the model as written rank
    /// above those sharing only one part of it.
    /// </summary>
    private static List<string> ModelNumbers(string text) =>
        ModelNumber().Matches(text).Select(m => m.Value).Where(v => v.Any(char.IsAsciiDigit)).Distinct(StringComparer.OrdinalIgnoreCase).Take(4).ToList();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[-/._][A-Za-z0-9]+)+(?![A-Za-z0-9])")]
    private static partial System.Text.RegularExpressions.Regex ModelNumber();

    /// <summary>The query with one of its model-number phrases required; null when it has none.</summary>
    private static BooleanQuery? RequireModels(Query query)
    {
        if (query is not BooleanQuery loose) return null;
        var models = new BooleanQuery();
        foreach (var clause in loose.Clauses.Where(c => c.Query is DisjunctionMaxQuery d && d.Disjuncts.Any(q => q is PhraseQuery)))
            models.Add(clause.Query, Occur.SHOULD);
        if (models.Clauses.Count == 0) return null;
        var exact = (BooleanQuery)loose.Clone();
        exact.Add(models, Occur.MUST);
        return exact;
    }

    /// <summary>Whether the text is model numbers and nothing else.</summary>
    private static bool OnlyModelNumbers(string text) =>
        ModelNumbers(text).Count > 0 && ModelNumber().Replace(text, " ").All(c => char.IsWhiteSpace(c) || char.IsPunctuation(c));

    /// <summary>The terms of a short text with their positions, as the analyzer cuts them (for a phrase).</summary>
    private static List<(string Term, int Position)> Positions(Analyzer analyzer, string field, string text)
    {
        var terms = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken() && terms.Count < 8)
        {
            position += increment.PositionIncrement;
            if (term.Length > 0) terms.Add((term.ToString(), position));
        }
        stream.End();
        return terms;
    }

    private static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && terms.Count < QueryTermsRead)
        {
            var value = term.ToString();
            if (value.Length > 0 && !QueryStopWords.Contains(value) && seen.Add(value)) terms.Add(value);
        }
        stream.End();
        return terms;
    }

    /// <summary>Caps the length (a pasted log must not run away) and drops control characters.</summary>
    private static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var capped = text.Length > MaxQueryLength ? text[..MaxQueryLength] : text;
        if (capped.Length > 0 && char.IsHighSurrogate(capped[^1])) capped = capped[..^1];
        var builder = new StringBuilder(capped.Length);
        foreach (var c in capped) builder.Append(char.IsControl(c) ? ' ' : c);
        return builder.ToString().Trim();
    }

    private static Document ToLucene(KnowledgeDocument d, bool bigrams)
    {
        var doc = new Document
        {
            new StringField(IdField, Key(d.Id), Field.Store.YES),
            new TextField(TitleField, d.Title ?? "", Field.Store.YES),
            new TextField(SymptomField, d.Symptom ?? "", Field.Store.YES),
            new TextField(CauseField, d.Cause ?? "", Field.Store.YES),
            new TextField(StepsField, d.Steps ?? "", Field.Store.YES),
            new StringField(ForUsersField, d.ForUsers ? "1" : "0", Field.Store.NO),
            new NumericDocValuesField(UpdatedField, d.UpdatedAt.UtcTicks),
        };
        if (d.IsTicket) doc.Add(new StringField(TypeField, TicketType, Field.Store.NO));
        var tags = (d.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct().ToList();
        foreach (var tag in tags) doc.Add(new StringField(TagField, tag, Field.Store.YES));
        // The tag values (after "facet:") are searchable words too: "银河麒麟V10", "P3301DN".
        var tagText = string.Join("\n", tags.Select(t => t.IndexOf(':') is var i and >= 0 ? t[(i + 1)..] : t));
        doc.Add(new TextField(TagsTextField, tagText, Field.Store.NO));
        if (d.EnterpriseId is { } enterprise) doc.Add(new StringField(EnterpriseField, Key(enterprise), Field.Store.YES));
        if (bigrams) doc.Add(new TextField(BigramField, string.Join("\n", d.Title, d.Symptom, d.Cause, d.Steps, tagText), Field.Store.NO));
        return doc;
    }

    private static string Key(Guid id) => id.ToString("N");

    private static Dictionary<string, string> CommitData(long sequence) =>
        new() { [SequenceKey] = sequence.ToString(CultureInfo.InvariantCulture), [FormatKey] = Format };

    private static long ReadSequence(IDictionary<string, string>? data) =>
        data is not null && data.TryGetValue(SequenceKey, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sequence) ? sequence : 0;

    private static string Prefix(string text, int length)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= length ? flat : flat[..length] + "…";
    }

    public void Dispose()
    {
        lock (writeGate)
        {
            if (disposed) return;
            disposed = true;
        }
        searchers.Dispose();
        writer.Rollback(); // closes the writer; only Commit(sequence) makes changes durable
        indexAnalyzer.Dispose();
        textAnalyzer.Dispose();
        bigramAnalyzer.Dispose();
        if (ownsDirectory) directory.Dispose();
    }

    private sealed class Factory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new KeepingSearcher(reader) { Similarity = similarity };
    }

    /// <summary>
    /// A searcher that keeps, for the life of its reader (until the next commit opens a new one), each field's collection
    /// statistics and each looked-up word's place in every segment. A ticket's suggestions search twice with the same
    /// words (the articles, then the similar tickets) and the next ticket mostly with the same everyday words: profiled
    /// under intake load, building these anew for every query was a fifth of the searches' time
    /// (docs/performance.md, "Round 4"). Both are read-only once built, so concurrent searches share them.
    /// </summary>
    private sealed class KeepingSearcher(IndexReader reader) : IndexSearcher(reader)
    {
        /// <summary>Words kept before the store starts again (a term's states: a few objects per segment).</summary>
        private const int MaxTerms = 50_000;
        private readonly ConcurrentDictionary<string, CollectionStatistics> fields = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<Term, TermContext> terms = new();

        public override CollectionStatistics CollectionStatistics(string field) => fields.GetOrAdd(field, f => base.CollectionStatistics(f));

        /// <summary>The word's states in every segment of this reader, with its document frequency.</summary>
        public TermContext Context(Term term)
        {
            if (terms.Count >= MaxTerms) terms.Clear();
            return terms.GetOrAdd(term, t => TermContext.Build(TopReaderContext, t));
        }

        /// <summary>A term query that scores with the kept states instead of looking the word up again.</summary>
        public TermQuery Query(Term term, float boost) => new(term, Context(term)) { Boost = boost };
    }

    /// <summary>Lucene's highlighter over one query: matched words in &lt;mark&gt;, the rest HTML-encoded.</summary>
    private sealed class HighlightContext(Query query, Analyzer analyzer)
    {
        private readonly Dictionary<string, Highlighter> byField = [];

        public string? Best(string field, string text, int fragmentSize)
        {
            if (text.Length == 0) return null;
            if (!byField.TryGetValue(field, out var highlighter))
            {
                var scorer = new QueryScorer(query, field);
                highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new MarkEncoder(), scorer)
                {
                    TextFragmenter = new SimpleSpanFragmenter(scorer, fragmentSize),
                };
                byField[field] = highlighter;
            }
            if (fragmentSize == int.MaxValue) highlighter.TextFragmenter = new NullFragmenter();
            try
            {
                using var tokens = analyzer.GetTokenStream(field, text);
                var fragment = highlighter.GetBestFragment(tokens, text);
                return string.IsNullOrEmpty(fragment) ? null : fragment.ReplaceLineEndings(" ").Trim();
            }
            catch (InvalidTokenOffsetsException)
            {
                return null;
            }
        }
    }
}

/// <summary>
/// The catch-all field's analyzer: Unicode word boundaries, full-width folded, lower-cased, CJK runs as overlapping
/// bigrams plus their single characters ("断网" finds "网络…中断"), other words whole ("p3301dn").
/// </summary>
internal sealed class BigramAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new Lucene.Net.Analysis.Standard.StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new Lucene.Net.Analysis.Core.LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
        stream = new CJKBigramFilter(stream, CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL, outputUnigrams: true);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

/// <summary>HTML-encodes the text around the marks (&amp; &lt; &gt; &quot; &#39;); Chinese stays as it is.</summary>
internal sealed class MarkEncoder : IEncoder
{
    public string EncodeText(string originalText) => Encode(originalText);

    public static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }
        return builder.ToString();
    }
}
