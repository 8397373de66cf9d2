using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets.Actions;

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
        var errors = new ProblemList();
        foreach (var field in fields)
        {
            var node = body?[field.Name];
            if (node is not null && (node.GetValueKind() != JsonValueKind.String))
            {
                errors.Add(Problem.Of(TextProblems.Required, field.Name, $"The {field.Name} must be text."));
                continue;
            }
            var text = node?.GetValue<string>() ?? "";
            var (value, problem) = Check(field, text);
            values[field.Name] = value;
            errors.AddIf(problem);
        }
        errors.ThrowIfAny();
        return new TicketActionForm(values);
    }

    private static (string Value, Problem? Problem) Check(TicketActionField field, string text)
    {
        var empty = !TextRules.HasVisibleText(text);
        if (empty && !field.Required) return ("", null);
        if (empty) return (text, TextRules.Check(text, field.Name, field.Limit, multiline: false));
        switch (field.Type)
        {
            case TicketActionValueType.Grade:
                return Domain.Tickets.Grade.TryParse(text, out var grade) ? (grade.Code, null) : (text, Problem.Of(TextProblems.NotInList, field.Name, "Use P1, P2, P3 or P4.", ("value", text)));
            case TicketActionValueType.Choice:
                return field.Choices.Contains(text, StringComparer.Ordinal) ? (text, null) : (text, Problem.Of(TextProblems.NotInList, field.Name, $"Use {string.Join(", ", field.Choices)}.", ("value", text)));
            case TicketActionValueType.Technician:
                text = text.Trim();
                return (text, TextRules.Check(text, field.Name, field.Limit, multiline: false));
            default:
                return (text, TextRules.Check(text, field.Name, field.Limit, multiline: field.Type == TicketActionValueType.LongText));
        }
    }
}
