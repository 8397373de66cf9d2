using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Domain.Rules;

/// <summary>What a rule field holds; editors, limits and the overview pick their control and display from it.</summary>
public enum RuleValueType
{
    /// <summary>An ISO 8601 duration (PT4H), edited and shown in hours.</summary>
    Duration,
    Number,
    Percent,
    Text,
    /// <summary>One of <see cref="RuleField.Choices"/>.</summary>
    Choice,
    TextList,
    /// <summary>Any of <see cref="RuleField.Choices"/>.</summary>
    ChoiceList,
    /// <summary>User names of the platform.</summary>
    UserList,
    /// <summary>Ids of service points of the network.</summary>
    ServicePointList,
    /// <summary>An object of key → value that is replaced as a whole.</summary>
    Map,
    /// <summary>A list of objects replaced as a whole (its members are fields with a <c>[]</c> path).</summary>
    Rows,
}

/// <summary>
/// One field of a rule kind's catalogue. <see cref="Path"/> is dotted; <c>{grade}</c> stands for each grade P1–P4
/// (<see cref="PerGrade"/>), <c>[]</c> for each element of a list. The catalogue is the one place a field is declared:
/// editors read and write through it, the Data Bureau's limits list its limitable fields, tests hold it against the
/// shipped default. Labels are resource keys (the Web's <c>SharedResource</c>), never text.
/// </summary>
public sealed record RuleField(string Path, RuleValueType Type, string LabelKey)
{
    public const string GradeSlot = "{grade}";

    /// <summary>Resource key of the unit shown beside the value (e.g. hours), if any.</summary>
    public string? UnitKey { get; init; }

    /// <summary>The Data Bureau may bound it for the cities (<see cref="RuleLimits"/>).</summary>
    public bool Limitable { get; init; }

    /// <summary>
    /// For a per-grade limitable field: bound all grades at once with one <c>*</c> pattern labelled so (a grade's own
    /// optional value), instead of one bound per grade.
    /// </summary>
    public string? AllGradesLimitLabelKey { get; init; }

    /// <summary>The field may be absent (the rules then fall back on another field).</summary>
    public bool Optional { get; init; }

    /// <summary>The values a choice may take, and the resource-key prefix of their labels (<c>Level.</c> + 1).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];
    public string? ChoiceLabelPrefix { get; init; }

    /// <summary>Which part of the editor shows it (a kind's body lays out its groups).</summary>
    public string Group { get; init; } = "";

    /// <summary>
    /// A row of the Data Bureau's overview of every city (a list of rows is shown as its first percent or number
    /// member's values).
    /// </summary>
    public bool InOverview { get; init; }

    public bool PerGrade => Path.Contains(GradeSlot, StringComparison.Ordinal);

    /// <summary>The concrete paths, one per grade for a per-grade field.</summary>
    public IReadOnlyList<(string Path, string? Grade)> Expand() =>
        PerGrade ? Tickets.Grades.All.Select(g => (Path.Replace(GradeSlot, g, StringComparison.Ordinal), (string?)g)).ToList() : [(Path, null)];

    /// <summary>The limit patterns (<see cref="RuleLimits"/>) of a limitable field, each with the label key and the grade it formats.</summary>
    public IReadOnlyList<RuleLimitField> LimitFields()
    {
        if (!Limitable) return [];
        if (PerGrade && AllGradesLimitLabelKey is { } key) return [new RuleLimitField(Path.Replace(GradeSlot, "*", StringComparison.Ordinal), this, key, null)];
        return Expand().Select(p => new RuleLimitField(p.Path, this, LabelKey, p.Grade)).ToList();
    }

    /// <summary>Every value of the field in a document with its concrete path (lists and grades expanded); absent ones left out.</summary>
    public IEnumerable<(string Path, JsonNode Value)> Values(JsonObject doc)
    {
        IEnumerable<(string, JsonNode?)> level = [("", doc)];
        foreach (var part in Path.Replace(GradeSlot, "*", StringComparison.Ordinal).Split('.'))
        {
            var list = part.EndsWith("[]", StringComparison.Ordinal);
            var name = list ? part[..^2] : part;
            level = level.SelectMany(x => x.Item2 is not JsonObject o ? []
                : name == "*" ? o.Select(p => (Join(x.Item1, p.Key), p.Value))
                : [(Join(x.Item1, name), o[name])]).ToList();
            if (list) level = level.SelectMany(x => x.Item2 is JsonArray a ? a.Select((n, i) => ($"{x.Item1}[{i}]", n)) : []).ToList();
        }
        return level.Where(x => x.Item2 is not null).Select(x => (x.Item1, x.Item2!));
    }

    private static string Join(string path, string part) => path.Length == 0 ? part : $"{path}.{part}";

    /// <summary>
    /// The value at a concrete path as the editors show a number: a duration in hours (two decimals), a number or choice
    /// as it is; null when absent or not a number.
    /// </summary>
    public double? ReadNumber(JsonObject doc, string path) => NumberOf(RuleOverrides.Find(doc, path));

    /// <summary>A value of this field as the editors show a number (see <see cref="ReadNumber"/>).</summary>
    public double? NumberOf(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (Type == RuleValueType.Duration)
            return v.TryGetValue<string>(out var iso) && TryDuration(iso) is { } d ? Math.Round(d.TotalHours, 2) : null;
        // A value set in memory (JsonValue of an int) does not convert to double; its JSON text always parses.
        if (v.GetValueKind() == JsonValueKind.Number) return double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);
        return v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The JSON value for a number as the editors take it (hours → ISO 8601 duration to the minute; whole numbers for the rest); null for none.</summary>
    public JsonNode? ToNode(double? number) => number switch
    {
        null => null,
        { } h when Type == RuleValueType.Duration => JsonValue.Create(System.Xml.XmlConvert.ToString(TimeSpan.FromMinutes(Math.Round(h * 60)))),
        { } n when Type == RuleValueType.Choice && Choices.Count > 0 && !int.TryParse(Choices[0], out _) => JsonValue.Create(n.ToString(CultureInfo.InvariantCulture)),
        { } n => JsonValue.Create((int)Math.Round(n)),
    };

    /// <summary>Sets (null: removes) the value at a concrete path of <paramref name="doc"/> from an editor's number.</summary>
    public void WriteNumber(JsonObject doc, string path, double? number) => RuleOverrides.Set(doc, path, ToNode(number));

    private static TimeSpan? TryDuration(string? iso)
    {
        try { return iso is null ? null : System.Xml.XmlConvert.ToTimeSpan(iso.Trim().ToUpperInvariant()); }
        catch (FormatException) { return null; }
    }
}

/// <summary>One bound the Data Bureau may set: the pattern stored in <c>cityLimits</c>, its field, its label key and the grade the label names.</summary>
public sealed record RuleLimitField(string Pattern, RuleField Field, string LabelKey, string? Grade);

/// <summary>
/// A kind of rule set (grading, sla, …): its key, typed document, checks and field catalogue. One class per kind;
/// everything that lists, checks, limits or edits rules loops over the <see cref="RuleKindRegistry"/> instead of
/// switching on the key.
/// </summary>
public interface IRuleKind
{
    /// <summary>The key stored with each rule set and used in URLs (<c>/rules/{key}</c>).</summary>
    string Key { get; }

    /// <summary>The typed document <see cref="Parse"/> returns.</summary>
    Type DocumentType { get; }

    /// <summary>Resource key of the kind's title.</summary>
    string TitleKey { get; }

    /// <summary>The shipped file under <c>workflows/rules</c> the regional default is imported from.</summary>
    string DefaultFile { get; }

    /// <summary>Why a what-if replay cannot use this kind (null: it can).</summary>
    string? NotReplayableReason { get; }

    IReadOnlyList<RuleField> Fields { get; }

    /// <summary>The typed document; <see cref="InvalidDataException"/> naming every problem when it is not valid.</summary>
    object Parse(string json);

    /// <summary>
    /// Every problem of an effective document (empty when it is valid), for documents raised from <paramref name="now"/>
    /// on. Never throws for a bad document.
    /// </summary>
    IReadOnlyList<string> Validate(string json, DateTimeOffset now);
}

/// <summary>The common part of a kind whose document is <typeparamref name="TDocument"/>.</summary>
public abstract class RuleKind<TDocument> : IRuleKind where TDocument : class
{
    public abstract string Key { get; }
    public Type DocumentType => typeof(TDocument);
    public abstract string TitleKey { get; }
    public virtual string DefaultFile => Key + ".json";
    public virtual string? NotReplayableReason => null;
    public abstract IReadOnlyList<RuleField> Fields { get; }

    public abstract TDocument Parse(string json);
    object IRuleKind.Parse(string json) => Parse(json);

    /// <summary>Checks beyond parsing that depend on the time (none by default).</summary>
    protected virtual IReadOnlyList<string> Check(TDocument document, DateTimeOffset now) => [];

    public IReadOnlyList<string> Validate(string json, DateTimeOffset now)
    {
        try { return Check(Parse(json), now); }
        catch (InvalidDataException ex) { return [ex.Message]; }
        catch (JsonException ex) { return [$"The {Key} rules are not valid JSON: {ex.Message}"]; }
    }
}

/// <summary>
/// The rule kinds of this installation, in the order they are shown. Built from DI (every registered
/// <see cref="IRuleKind"/>); <see cref="Builtin"/> holds the shipped four for code that has no container.
/// </summary>
public sealed class RuleKindRegistry
{
    private readonly Dictionary<string, IRuleKind> _byKey;

    public RuleKindRegistry(IEnumerable<IRuleKind> kinds)
    {
        All = kinds.ToList();
        _byKey = new Dictionary<string, IRuleKind>(StringComparer.Ordinal);
        foreach (var k in All)
            if (!_byKey.TryAdd(k.Key, k)) throw new ArgumentException($"The rule kind '{k.Key}' is registered twice.", nameof(kinds));
    }

    /// <summary>The shipped kinds, in the order the editor's tabs show them.</summary>
    public static IReadOnlyList<IRuleKind> Shipped { get; } = [new Kinds.SlaRuleKind(), new Kinds.EscalationRuleKind(), new Kinds.GradingRuleKind(), new Kinds.DispatchRuleKind()];

    public static RuleKindRegistry Builtin { get; } = new(Shipped);

    public IReadOnlyList<IRuleKind> All { get; }
    public IReadOnlyList<string> Keys => All.Select(k => k.Key).ToList();

    public IRuleKind? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The kind of a key; <see cref="InvalidDataException"/> for an unknown one.</summary>
    public IRuleKind Get(string key) =>
        Find(key) ?? throw new InvalidDataException($"Unknown rule kind '{key}' (use {string.Join(", ", Keys)}).");

    /// <summary>Throws <see cref="InvalidDataException"/> naming every problem of the document (a store's or a caller's check before writing).</summary>
    public void Ensure(string key, string json, DateTimeOffset now)
    {
        var problems = Get(key).Validate(json, now);
        if (problems.Count > 0) throw new InvalidDataException(string.Join(" ", problems));
    }
}

/// <summary>Finding a kind's catalogue entry for a concrete path.</summary>
public static class RuleFieldLookup
{
    /// <summary>
    /// The field of <paramref name="kind"/> a concrete path (<c>onSite.byGrade.P1.sameCity</c>, <c>levels[0].users</c>)
    /// belongs to; <see cref="InvalidOperationException"/> when the catalogue has none (a body asked for an undeclared field).
    /// </summary>
    public static RuleField FieldAt(this IRuleKind kind, string path) =>
        kind.Fields.FirstOrDefault(f => Matches(f.Path, path))
        ?? throw new InvalidOperationException($"The {kind.Key} catalogue declares no field at '{path}'.");

    private static bool Matches(string pattern, string path)
    {
        var p = pattern.Replace("[]", "", StringComparison.Ordinal).Split('.');
        var c = System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", "").Split('.');
        if (p.Length != c.Length) return false;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == "*" || p[i] == c[i]) continue;
            if (p[i] == RuleField.GradeSlot && Tickets.Grades.All.Contains(c[i])) continue;
            return false;
        }
        return true;
    }
}
