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

    private async Task SetDisabledAsync(string userName, bool disabled)
    {
        _busy = true;
        try
        {
            await Admin.SetDisabledAsync(Actor, userName, disabled);
            await LoadAsync(_text);
        }
        catch (InvalidInputException ex) { Snackbar.Add(ex.Text(), Severity.Error); }
        finally { _busy = false; }
    }

    private async Task ResetAsync(string userName)
    {
        _busy = true;
        try
        {
            _shown = (userName, await Admin.ResetPasswordAsync(Actor, userName));
            await LoadAsync(_text);
        }
        finally { _busy = false; }
    }
}
