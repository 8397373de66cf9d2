namespace XinchuangFlow.Engine.Runtime;

/// <summary>A field of a task form.</summary>
public sealed class FormField
{
    public string Name { get; set; } = "";
    public string? Label { get; set; }
    /// <summary>The label in English, shown to readers who chose English (the label otherwise).</summary>
    public string? LabelEn { get; set; }

    /// <summary>The label in the reader's language: English when asked for and given, else the label, else the name.</summary>
    public string DisplayLabel(bool english) => (english && LabelEn is { Length: > 0 } en ? en : Label) ?? Name;
    /// <summary>text, textarea, number, boolean, date, datetime, select.</summary>
    public string Type { get; set; } = "text";
    public bool Required { get; set; }
    public List<string>? Options { get; set; }
    public int? MaxLength { get; set; }
    /// <summary>
    /// A list a page may offer to fill the field from, by name (e.g. <c>technician</c>: the case's dispatch candidates);
    /// pages that do not know the name show the plain field. The value is checked by its <see cref="Type"/> either way.
    /// </summary>
    public string? Picker { get; set; }
}
