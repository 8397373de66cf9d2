namespace XinchuangFlow.Engine.Activities;

/// <summary>Marks an activity class with its stable type key, which is what definitions store.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type, string category, string displayNameZh, string displayNameEn) : Attribute
{
    public string Type { get; } = type;
    public string Category { get; } = category;
    public string DisplayNameZh { get; } = displayNameZh;
    public string DisplayNameEn { get; } = displayNameEn;
    /// <summary>Optional description shown in the designer (Chinese).</summary>
    public string? DescriptionZh { get; init; }
    /// <summary>Optional description shown in the designer (English).</summary>
    public string? DescriptionEn { get; init; }
}
