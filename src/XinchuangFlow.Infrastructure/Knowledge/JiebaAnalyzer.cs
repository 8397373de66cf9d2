using JiebaNet.Segmenter;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace XinchuangFlow.Infrastructure.Knowledge;

/// <summary>
/// Where jieba.NET reads its dictionary. The package ships dict.txt and the HMM tables in its Resources folder and
/// reads them from disk through <c>JiebaNet.Segmenter.ConfigManager.ConfigFileBaseDir</c> (by default the app setting
/// "JiebaConfigFileDir" or "Resources" under the application's base directory). The Infrastructure project copies the
/// three files the segmenter needs to "jieba/" in the build and publish output, and this class points jieba there
/// before the first segmenter is made. XF_JIEBA_DIR overrides the folder.
/// </summary>
public static class JiebaResources
{
    private static readonly object Gate = new();
    private static string? configured;

    public static readonly string[] RequiredFiles = ["dict.txt", "prob_emit.json", "prob_trans.json"];

    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable("XF_JIEBA_DIR") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "jieba");

    /// <summary>Points jieba at <paramref name="directory"/> (once per process: its dictionary is a singleton).</summary>
    public static string EnsureConfigured(string? directory = null)
    {
        lock (Gate)
        {
            if (configured is not null) return configured;
            var dir = Path.GetFullPath(directory ?? DefaultDirectory);
            var missing = RequiredFiles.Where(f => !File.Exists(Path.Combine(dir, f))).ToList();
            if (missing.Count > 0)
                throw new FileNotFoundException($"jieba.NET dictionary files missing in {dir}: {string.Join(", ", missing)}. " +
                                                "They are copied from the jieba.NET package by XinchuangFlow.Infrastructure.csproj; set XF_JIEBA_DIR to another folder holding them.");
            ConfigManager.ConfigFileBaseDir = dir;
            configured = dir;
            return dir;
        }
    }
}

/// <summary>
/// A Lucene tokenizer over jieba's search-mode segmentation: words and, for long words, their dictionary sub-words,
/// in text order with their offsets. Whitespace and punctuation are dropped; ASCII runs (UOS, P3301DN, 2000) stay
/// whole tokens as jieba cuts them.
/// </summary>
public sealed class JiebaTokenizer : Tokenizer
{
    private readonly JiebaSegmenter segmenter;
    private readonly ICharTermAttribute termAttribute;
    private readonly IOffsetAttribute offsetAttribute;
    private readonly IPositionIncrementAttribute positionAttribute;
    private List<(string Word, int Start, int End)> tokens = [];
    private int next;
    private int length;

    public JiebaTokenizer(TextReader input) : base(input)
    {
        JiebaResources.EnsureConfigured();
        segmenter = new JiebaSegmenter();
        termAttribute = AddAttribute<ICharTermAttribute>();
        offsetAttribute = AddAttribute<IOffsetAttribute>();
        positionAttribute = AddAttribute<IPositionIncrementAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        var text = m_input.ReadToEnd();
        length = text.Length;
        tokens = [];
        foreach (var token in segmenter.Tokenize(text, TokenizerMode.Search))
        {
            var word = token.Word.Trim();
            if (word.Length == 0 || !word.Any(char.IsLetterOrDigit)) continue;
            var start = Math.Clamp(token.StartIndex, 0, length);
            var end = Math.Clamp(token.EndIndex, start, length);
            tokens.Add((word, start, end));
        }
        // Search mode emits sub-words before the word that holds them; keep offsets non-decreasing for the indexer.
        tokens.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        next = 0;
    }

    public override bool IncrementToken()
    {
        if (next >= tokens.Count) return false;
        ClearAttributes();
        var (word, start, end) = tokens[next++];
        termAttribute.SetEmpty().Append(word);
        offsetAttribute.SetOffset(CorrectOffset(start), CorrectOffset(end));
        positionAttribute.PositionIncrement = 1;
        return true;
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(length);
        offsetAttribute.SetOffset(final, final);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) tokens = [];
        base.Dispose(disposing);
    }
}

/// <summary>jieba search-mode tokens, full-width folded to half-width and lower-cased.</summary>
public sealed class JiebaAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new JiebaTokenizer(reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
