namespace XinchuangFlow.Engine.Runtime;

/// <summary>A field of a task form.</summary>
public sealed class FormField
{
    public string Name { get; set; } = "";
    public string? Label { get; set; }
    /// <summary>text, textarea, number, boolean, date, datetime, select.</summary>
    public string Type { get; set; } = "text";
    public bool Required { get; set; }
    public List<string>? Options { get; set; }
    public int? MaxLength { get; set; }
}
