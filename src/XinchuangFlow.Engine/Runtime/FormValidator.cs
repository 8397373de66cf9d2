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
        var errors = new ProblemList();
        void Add(string field, string code, string message, params (string, object?)[] args) =>
            errors.Add(Problem.Of(code, field, message, [("label", Label(form, field)), .. args]));
        var cleaned = new JsonObject();
        foreach (var field in form)
        {
            data.TryGetPropertyValue(field.Name, out var value);
            var label = Label(form, field.Name);
            if (value is null || (value is JsonValue sv && sv.TryGetValue<string>(out var str) && string.IsNullOrWhiteSpace(str)))
            {
                if (field.Required) Add(field.Name, FormProblems.Required, $"Field '{label}' is required.");
                continue;
            }
            var kind = value.GetValueKind();
            switch (field.Type)
            {
                case "number" when kind != JsonValueKind.Number:
                    Add(field.Name, FormProblems.Number, $"Field '{label}' must be a number."); continue;
                case "boolean" when kind is not (JsonValueKind.True or JsonValueKind.False):
                    Add(field.Name, FormProblems.Boolean, $"Field '{label}' must be true or false."); continue;
                case "date" or "datetime" when kind != JsonValueKind.String
                    || !DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _):
                    Add(field.Name, FormProblems.Date, $"Field '{label}' must be a date."); continue;
                case "select" when kind != JsonValueKind.String || field.Options is { Count: > 0 } && !field.Options.Contains(value.GetValue<string>()):
                    Add(field.Name, FormProblems.Choice, $"Field '{label}' must be one of: {string.Join(", ", field.Options ?? [])}."); continue;
                case "text" or "textarea" when kind != JsonValueKind.String:
                    Add(field.Name, FormProblems.Text, $"Field '{label}' must be text."); continue;
            }
            if (kind == JsonValueKind.String && value.GetValue<string>().Length > (field.MaxLength ?? DefaultMaxLength))
            {
                Add(field.Name, FormProblems.TooLong, $"Field '{label}' is longer than {field.MaxLength ?? DefaultMaxLength} characters.", ("max", field.MaxLength ?? DefaultMaxLength));
                continue;
            }
            cleaned[field.Name] = value.DeepClone();
        }
        var unknown = data.Select(p => p.Key).Where(k => form.All(f => f.Name != k)).ToList();
        if (unknown.Count > 0 && form.Count > 0)
            foreach (var name in unknown) Add(name, FormProblems.Unknown, $"Unknown field '{name}'.");
        else if (form.Count == 0)
            foreach (var (k, v) in data) cleaned[k] = v?.DeepClone();
        errors.ThrowIfAny();
        return cleaned;
    }

    /// <summary>How the form labels a field (its name when it has no label or is not the form's).</summary>
    private static string Label(IReadOnlyList<FormField> form, string name) => form.FirstOrDefault(f => f.Name == name)?.DisplayLabel(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en") ?? name;
}
