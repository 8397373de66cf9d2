using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Domain.Rules;

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
        PerGrade ? Tickets.Grade.All.Select(g => (Path.Replace(GradeSlot, g.Code, StringComparison.Ordinal), (string?)g.Code)).ToList() : [(Path, null)];

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
