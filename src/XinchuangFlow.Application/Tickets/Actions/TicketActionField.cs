using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets.Actions;

/// <summary>What a form field of a ticket action holds; the dialog picks its control from it, the form reader its check.</summary>
public enum TicketActionValueType
{
    /// <summary>One line of text.</summary>
    Text,
    /// <summary>Several lines (a reason, a note).</summary>
    LongText,
    /// <summary>A service grade P1–P4 (<see cref="Domain.Tickets.Grade"/>), typed in any case.</summary>
    Grade,
    /// <summary>A technician's login name (who exists and qualifies is the action's check).</summary>
    Technician,
    /// <summary>One of <see cref="TicketActionField.Choices"/>.</summary>
    Choice,
}

/// <summary>
/// One field of a ticket action's form: its name in the JSON body (and the API's problems), what it holds, the
/// resource key of its label, whether it is required, its length limit and, for a choice, its values with the
/// resource-key prefix of their labels. The catalogue is the one place a field is declared: the dialog draws it,
/// <see cref="TicketActionForm.Read"/> checks it.
/// </summary>
public sealed record TicketActionField(string Name, TicketActionValueType Type, string LabelKey)
{
    public bool Required { get; init; }

    /// <summary>At most this many characters (by default 200 for a line, 1000 for long text, 256 for a login name).</summary>
    public int? MaxLength { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];
    public string? ChoiceLabelPrefix { get; init; }

    public int Limit => MaxLength ?? Type switch { TicketActionValueType.LongText => 1000, TicketActionValueType.Technician => 256, _ => 200 };

    /// <summary>The values a select offers: the grades, or the choices.</summary>
    public IReadOnlyList<string> Options => Type == TicketActionValueType.Grade ? Domain.Tickets.Grade.Codes : Choices;
}

/// <summary>A ticket action's form as read and checked against its catalogue: every declared field, "" when empty.</summary>
public sealed class TicketActionForm
{
    private readonly IReadOnlyDictionary<string, string> _values;

    private TicketActionForm(IReadOnlyDictionary<string, string> values) => _values = values;

    /// <summary>The value of a declared field (trimmed for a login name, a grade's code for a grade).</summary>
    public string this[string name] =>
        _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"The form declares no field '{name}'.", nameof(name));

    /// <summary>
    /// Reads <paramref name="body"/> (null: nothing filled in) by the catalogue: each field's value must be text, a
    /// required one must hold visible text, text must pass the platform's text rules and fit its limit, a grade must
    /// be P1–P4, a choice one of its values. Members the catalogue does not declare are ignored. Every problem is
    /// listed by field in one <see cref="InvalidInputException"/>.
    /// </summary>
    public static TicketActionForm Read(IReadOnlyList<TicketActionField> fields, JsonObject? body)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var node = body?[field.Name];
            if (node is not null && (node.GetValueKind() != JsonValueKind.String))
            {
                errors[field.Name] = [$"The {field.Name} must be text."];
                continue;
            }
            var text = node?.GetValue<string>() ?? "";
            var (value, problem) = Check(field, text);
            values[field.Name] = value;
            if (problem is not null) errors[field.Name] = [problem];
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);
        return new TicketActionForm(values);
    }

    private static (string Value, string? Problem) Check(TicketActionField field, string text)
    {
        var empty = !TextRules.HasVisibleText(text);
        if (empty && !field.Required) return ("", null);
        switch (field.Type)
        {
            case TicketActionValueType.Grade:
                return Domain.Tickets.Grade.TryParse(text, out var grade) ? (grade.Code, null) : (text, "Use P1, P2, P3 or P4.");
            case TicketActionValueType.Choice:
                return field.Choices.Contains(text, StringComparer.Ordinal) ? (text, null) : (text, $"Use {string.Join(", ", field.Choices)}.");
            case TicketActionValueType.Technician:
                text = text.Trim();
                return (text, TextRules.Problem(text, field.Name, field.Limit, multiline: false));
            default:
                return (text, TextRules.Problem(text, field.Name, field.Limit, multiline: field.Type == TicketActionValueType.LongText));
        }
    }
}
