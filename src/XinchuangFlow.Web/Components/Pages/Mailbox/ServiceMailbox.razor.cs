using Microsoft.AspNetCore.Components;
using MudBlazor;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Mail;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Security;
using XinchuangFlow.Web.Text;

namespace XinchuangFlow.Web.Components.Pages.Mailbox;

public partial class ServiceMailbox
{
    [Parameter] public Guid? Id { get; set; }
    [CascadingParameter] private Actor Actor { get; set; } = Actor.Anonymous;
    private static readonly string[] Filters = [MailOutcomes.Triage, "", MailOutcomes.Ticket, MailOutcomes.Reply, MailOutcomes.Filed, MailOutcomes.Dismissed, MailOutcomes.Rejected, MailOutcomes.Held];
    private IReadOnlyList<MailRecord> _items = [];
    private int _total;
    private string _outcome = MailOutcomes.Triage;
    private MailRecord? _selected;
    private MailAnswer _answer = MailAnswer.Nothing;
    private IReadOnlyList<HotlineUnit> _units = [];
    private XinchuangFlow.Domain.Tickets.ProcurementUnit? _unit;
    private string? _unitText, _reason, _reasonError;
    private bool _denied, _missing, _busy;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync(MailOutcomes.Triage);
        if (Id is { } id && !_denied) await OpenAsync(id);
    }

    private async Task LoadAsync(string outcome)
    {
        _outcome = outcome;
        try { (_items, _total) = await Mailbox.ListAsync(Actor, outcome == "" ? null : outcome, 0, 200); }
        catch (ForbiddenException) { _denied = true; }
    }

    private async Task OpenAsync(Guid id)
    {
        try
        {
            _selected = await Mailbox.GetAsync(Actor, id);
            _answer = await Mailbox.AnswerAsync(Actor, id);
        }
        catch (NotFoundException) { _missing = true; return; }
        _units = [];
        _unit = null;
        _unitText = null;
        _reason = null;
        _reasonError = null;
    }

    private async Task SearchAsync(string? text)
    {
        try { _units = await Hotline.FindUnitsAsync(Actor, text); }
        catch (InvalidInputException ex) { Snackbar.Add(ex.Text(), Severity.Warning); }
    }

    private async Task FileAsync()
    {
        if (_selected is null || _unit is null) return;
        _busy = true;
        try
        {
            var done = await Mailbox.FileAsTicketAsync(Actor, _selected.Id, _unit.Id);
            // What is said about the answer is read from its delivery: never "answered" when nothing was sent.
            _answer = await Mailbox.AnswerAsync(Actor, done.Id);
            Snackbar.Add(string.Format(L["Mailbox.Filed"], done.TicketNumber) + " " + AnswerText(_answer),
                _answer.State is MailAnswer.Queued or MailAnswer.Sent ? Severity.Success : Severity.Warning);
            _selected = done;
            await LoadAsync(_outcome);
        }
        catch (InvalidInputException ex) { Snackbar.Add(ex.Text(), Severity.Warning); }
        catch (StateConflictException ex) { Snackbar.Add(ex.Text(), Severity.Warning); await LoadAsync(_outcome); }
        finally { _busy = false; }
    }

    private async Task DismissAsync()
    {
        if (_selected is null) return;
        _busy = true;
        try
        {
            _selected = await Mailbox.DismissAsync(Actor, _selected.Id, _reason);
            _answer = await Mailbox.AnswerAsync(Actor, _selected.Id);
            Snackbar.Add(L["Mailbox.Dismissed"], Severity.Info);
            await LoadAsync(_outcome);
        }
        catch (InvalidInputException ex) { _reasonError = L["Mailbox.ReasonNeeded"]; _ = ex; }
        catch (StateConflictException ex) { Snackbar.Add(ex.Text(), Severity.Warning); await LoadAsync(_outcome); }
        finally { _busy = false; }
    }

    /// <summary>What became of the answer to the sender, in words.</summary>
    private string AnswerText(MailAnswer a) =>
        string.Format(L["Mailbox.Answer." + a.State], a.Address ?? "", a.Attempts, a.SentAt is { } at ? Times.Short(at, Clock) : "");

    private static Severity AnswerSeverity(MailAnswer a) => a.State switch
    {
        MailAnswer.Sent => Severity.Success,
        MailAnswer.Queued or MailAnswer.Retrying => Severity.Info,
        _ => Severity.Warning,
    };

    private static Color Colour(string outcome) => outcome switch
    {
        MailOutcomes.Triage => Color.Warning,
        MailOutcomes.Ticket or MailOutcomes.Filed or MailOutcomes.Reply => Color.Success,
        MailOutcomes.Rejected or MailOutcomes.Held => Color.Error,
        _ => Color.Default,
    };
}
