namespace XinchuangFlow.Domain.Grading;

/// <summary>A row of the grading table.</summary>
public sealed class GradingRow
{
    public string Id { get; set; } = "";
    public string Grade { get; set; } = "";
    public List<string>? Categories { get; set; }
    public List<string>? Impacts { get; set; }
    public List<string>? KeywordsAny { get; set; }
    /// <summary>The row's name as explanations quote it (Chinese); the id is quoted when there is none.</summary>
    public string? Description { get; set; }
    /// <summary>The row's name in English.</summary>
    public string? DescriptionEn { get; set; }

    /// <summary>How an explanation names the row in a language.</summary>
    public string NameIn(bool english) => (english ? DescriptionEn : Description) is { Length: > 0 } name ? name : Id;
}
