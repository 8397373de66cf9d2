using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>Validates task form data against the task's form fields.</summary>
public static class FormValidator
{
    /// <summary>Largest text value a form field accepts unless the field sets its own limit.</summary>
    public const int DefaultMaxLength = 10_000;

    /// <summary>Returns the cleaned data (only declared fields); throws <see cref="InvalidInputException"/> listing every problem.</summary>
    public static JsonObject Validate(IReadOnlyList<FormField> form, JsonObject? data)
    {
        data ??= [];
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message) { if (!errors.TryGetValue(field, out var l)) errors[field] = l = []; l.Add(message); }
        var cleaned = new JsonObject();
        foreach (var field in form)
        {
            data.TryGetPropertyValue(field.Name, out var value);
            var label = field.Label ?? field.Name;
            if (value is null || (value is JsonValue sv && sv.TryGetValue<string>(out var str) && string.IsNullOrWhiteSpace(str)))
            {
                if (field.Required) Add(field.Name, $"Field '{label}' is required.");
                continue;
            }
            var kind = value.GetValueKind();
            switch (field.Type)
            {
                case "number" when kind != JsonValueKind.Number:
                    Add(field.Name, $"Field '{label}' must be a number."); continue;
                case "boolean" when kind is not (JsonValueKind.True or JsonValueKind.False):
                    Add(field.Name, $"Field '{label}' must be true or false."); continue;
                case "date" or "datetime" when kind != JsonValueKind.String
                    || !DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _):
                    Add(field.Name, $"Field '{label}' must be a date."); continue;
                case "select" when kind != JsonValueKind.String || field.Options is { Count: > 0 } && !field.Options.Contains(value.GetValue<string>()):
                    Add(field.Name, $"Field '{label}' must be one of: {string.Join(", ", field.Options ?? [])}."); continue;
                case "text" or "textarea" when kind != JsonValueKind.String:
                    Add(field.Name, $"Field '{label}' must be text."); continue;
            }
            if (kind == JsonValueKind.String && value.GetValue<string>().Length > (field.MaxLength ?? DefaultMaxLength))
            {
                Add(field.Name, $"Field '{label}' is longer than {field.MaxLength ?? DefaultMaxLength} characters.");
                continue;
            }
            cleaned[field.Name] = value.DeepClone();
        }
        var unknown = data.Select(p => p.Key).Where(k => form.All(f => f.Name != k)).ToList();
        if (unknown.Count > 0 && form.Count > 0)
            foreach (var name in unknown) Add(name, $"Unknown field '{name}'.");
        else if (form.Count == 0)
            foreach (var (k, v) in data) cleaned[k] = v?.DeepClone();
        if (errors.Count > 0) throw new InvalidInputException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        return cleaned;
    }
}
