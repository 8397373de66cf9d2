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
