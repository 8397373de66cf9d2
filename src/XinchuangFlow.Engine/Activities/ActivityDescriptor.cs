namespace XinchuangFlow.Engine.Activities;

/// <summary>Everything the designer, inbox and rule editors need to know about an activity type.</summary>
public sealed record ActivityDescriptor(
    string Type,
    string Category,
    string DisplayNameZh,
    string DisplayNameEn,
    string? DescriptionZh,
    string? DescriptionEn,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<string> Outcomes,
    string? OutcomesFromInput,
    bool IsWaiting,
    bool IsStart,
    bool IsTerminal)
{
    /// <summary>The input with this name, or null.</summary>
    public InputDescriptor? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);
}
