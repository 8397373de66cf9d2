namespace XinchuangFlow.Web.Components;

/// <summary>The problems per field that the application layer reported for a form (shown under each field).</summary>
public sealed class FieldErrors
{
    private readonly IReadOnlyDictionary<string, string[]> _errors;

    /// <summary>No problems.</summary>
    public FieldErrors() => _errors = new Dictionary<string, string[]>();

    private FieldErrors(IReadOnlyDictionary<string, string[]> errors) => _errors = errors;

    public static FieldErrors From(InvalidInputException refusal) => new(refusal.TextsByField());

    public int Count => _errors.Count;
    public bool Has(string field) => _errors.ContainsKey(field);
    /// <summary>The field's problems as one text, or null.</summary>
    public string? Of(string field) => _errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;
}
