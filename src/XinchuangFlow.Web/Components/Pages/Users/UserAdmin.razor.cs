using Microsoft.AspNetCore.Components;
using MudBlazor;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Components.Pages.Users;

public partial class UserAdmin
{
    [CascadingParameter] private Actor Actor { get; set; } = Actor.Anonymous;
    private bool _denied, _busy;
    private string? _text, _email, _name, _role, _city;
    private Guid? _enterprise;
    private ProcurementUnit? _unit;
    private IReadOnlyList<UserAccount> _users = [];
    private IReadOnlyList<Enterprise> _enterprises = [];
    private FieldErrors _errors = new();
    private (string User, string Password)? _shown;


    protected override async Task OnInitializedAsync()
    {
        try
        {
            _enterprises = await Admin.EnterprisesAsync(Actor);
            await LoadAsync(null);
        }
        catch (ForbiddenException) { _denied = true; }
    }

    private async Task LoadAsync(string? text) => _users = await Admin.ListAsync(Actor, text);

    private async Task<IEnumerable<ProcurementUnit>> SearchUnitsAsync(string? text, CancellationToken ct) => await Admin.UnitsAsync(Actor, text, ct);

    private string Tenant(UserAccount u) =>
        u.UnitId is not null ? u.UnitName ?? L["Users.UnitAccount"]
        : u.CityCode is { } c ? GuangxiDivisions.Shipped.Find(c)?.Name ?? c
        : u.EnterpriseId is { } e ? _enterprises.FirstOrDefault(x => x.Id == e)?.Name ?? e.ToString()
        : L["Users.Region"];

    private async Task CreateAsync()
    {
        if (_busy) return;
        (_busy, _errors, _shown) = (true, new(), null);
        try
        {
            var (account, password) = await Admin.CreateAsync(Actor, new NewUserAccount(_email, _name, _role, _city, _enterprise, _unit?.Id));
            _shown = (account.UserName, password);
            (_email, _name) = (null, null);
            await LoadAsync(_text);
        }
        catch (InvalidInputException ex) { _errors = FieldErrors.From(ex); }
        finally { _busy = false; }
    }

    /// <summary>Disabling asks first, naming the account; enabling gives nothing away and does not.</summary>
    private async Task SetDisabledAsync(UserAccount account, bool disabled)
    {
        if (disabled && !await ConfirmAsync(L["Users.Disable"], "Users.ConfirmDisable", account)) return;
        _busy = true;
        try
        {
            await Admin.SetDisabledAsync(Actor, account.UserName, disabled);
            await LoadAsync(_text);
        }
        catch (XfException ex) { Snackbar.Add(ex.Text(), Severity.Error); }
        finally { _busy = false; }
    }

    private async Task ResetAsync(UserAccount account)
    {
        if (!await ConfirmAsync(L["Users.Reset"], "Users.ConfirmReset", account)) return;
        _busy = true;
        try
        {
            _shown = (account.UserName, await Admin.ResetPasswordAsync(Actor, account.UserName));
            await LoadAsync(_text);
        }
        catch (XfException ex) { Snackbar.Add(ex.Text(), Severity.Error); }
        finally { _busy = false; }
    }

    private async Task<bool> ConfirmAsync(string title, string messageKey, UserAccount account) =>
        await Dialogs.ShowMessageBoxAsync(title, string.Format(L[messageKey], account.DisplayName is { Length: > 0 } name ? name : account.UserName, account.UserName),
            yesText: L["Yes"], cancelText: L["No"]) == true;
}
