using System.Security.Cryptography;
using System.Text.Json;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Access;

/// <summary>
/// User administration (SEC-1, SEC-3): the Data Bureau's administrators open accounts with a role and its tenant (a
/// city for coordinators, an enterprise for its managers and dispatchers, a procurement unit for its users), disable
/// and enable them, and give a temporary password that must be changed at the next sign-in. Every change is audited with
/// before and after. Technicians' accounts come with their technician records in the service network, not from here.
/// </summary>
public sealed class UserAdminService(IUserAccounts accounts, AccessService access, INetworkRepository network, ICaseDirectory cases,
    GuangxiDivisions divisions, Audit.IAuditLog audit, TimeProvider clock)
{
    /// <summary>The roles an administrator may give here.</summary>
    public static readonly IReadOnlyList<string> Assignable =
        [Roles.DataBureauAdmin, Roles.IntranetSupervisor, Roles.MunicipalCoordinator, Roles.EnterpriseManager, Roles.Dispatcher, Roles.ProcurementUser, Roles.VendorSupport];

    public async Task<IReadOnlyList<UserAccount>> ListAsync(Actor actor, string? text, CancellationToken ct = default)
    {
        Require(actor, "list users");
        return await accounts.ListAsync(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), 200, ct);
    }

    /// <summary>Opens an account; returns it with the temporary password (shown once).</summary>
    public async Task<(UserAccount Account, string TemporaryPassword)> CreateAsync(Actor actor, NewUserAccount request, CancellationToken ct = default)
    {
        Require(actor, "create users");
        var errors = new ProblemList();
        var email = request.Email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || !TextRules.IsEmail(email)) errors.AddIf(TextRules.CheckEmail(email, "email"));
        else if (await accounts.FindAsync(email, ct) is not null) errors.Add(Problem.Of(AccountProblems.EmailTaken, "email", "An account with this e-mail address exists already."));
        var name = request.DisplayName?.Trim();
        errors.AddIf(TextRules.Check(name, "displayName", 100, multiline: false));
        var role = request.Role;
        if (role is null || !Assignable.Contains(role))
            errors.Add(Problem.Of(AccountProblems.RoleInvalid, "role", $"Choose one of {string.Join(", ", Assignable)}; technicians' accounts come with their technician records."));
        string? city = null; Guid? enterprise = null, unit = null;
        switch (role)
        {
            case Roles.MunicipalCoordinator:
                if (request.CityCode is not { } c || divisions.Cities.All(x => x.Code != c)) errors.Add(Problem.Of(AccountProblems.CityRequired, "cityCode", "A coordinator needs the city they coordinate."));
                city = request.CityCode;
                break;
            case Roles.EnterpriseManager or Roles.Dispatcher:
                // A dispatcher without an enterprise works the platform's own hotline desk.
                if (request.EnterpriseId is { } e && await network.FindEnterpriseAsync(e, ct) is null) errors.Add(Problem.Of(AccountProblems.EnterpriseUnknown, "enterpriseId", "There is no such enterprise."));
                else if (role == Roles.EnterpriseManager && request.EnterpriseId is null) errors.Add(Problem.Of(AccountProblems.EnterpriseRequired, "enterpriseId", "An enterprise manager needs the enterprise."));
                enterprise = request.EnterpriseId;
                break;
            case Roles.ProcurementUser:
                // A unit's user belongs to the unit and, like it, to its city.
                var found = request.UnitId is { } u ? await cases.FindUnitAsync(u, ct) : null;
                if (found is null) errors.Add(Problem.Of(AccountProblems.UnitRequired, "unitId", "A unit's user needs the procurement unit."));
                (unit, city) = (found?.Id, found?.CityCode);
                break;
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);
        var temporary = TemporaryPassword();
        var account = new NewUserAccount(email, name, role, city, enterprise, unit);
        var problems = await accounts.CreateAsync(account, temporary, ct);
        if (problems.Count > 0) throw new InvalidInputException(Problem.Of(AccountProblems.CreateRefused, "email", string.Join(" ", problems)));
        var created = (await accounts.FindAsync(email!, ct))!;
        await RecordAsync(actor, email!, "create", null, Show(created), ct);
        return (created, temporary);
    }

    public async Task<UserAccount> SetDisabledAsync(Actor actor, string userName, bool disabled, CancellationToken ct = default)
    {
        Require(actor, disabled ? "disable users" : "enable users");
        var before = await FindAsync(userName, ct);
        if (disabled) RefuseOwn(actor, before, "Administrators cannot disable their own account.");
        await accounts.SetDisabledAsync(before.UserName, disabled, ct);
        var after = (await accounts.FindAsync(before.UserName, ct))!;
        await RecordAsync(actor, before.UserName, disabled ? "disable" : "enable", Show(before), Show(after), ct);
        return after;
    }

    /// <summary>A new temporary password (shown once), to be changed at the next sign-in.</summary>
    public async Task<string> ResetPasswordAsync(Actor actor, string userName, CancellationToken ct = default)
    {
        Require(actor, "reset passwords");
        var account = await FindAsync(userName, ct);
        RefuseOwn(actor, account, "Administrators cannot reset their own password here; they change it with the current one.");
        var temporary = TemporaryPassword();
        await accounts.SetTemporaryPasswordAsync(account.UserName, temporary, ct);
        await RecordAsync(actor, account.UserName, "reset-password", null, Audit.AuditNotes.TemporaryPasswordGiven, ct);
        return temporary;
    }

    /// <summary>Enterprises to choose from when opening an enterprise's account.</summary>
    public async Task<IReadOnlyList<Enterprise>> EnterprisesAsync(Actor actor, CancellationToken ct = default)
    {
        Require(actor, "list users");
        return await network.EnterprisesAsync(ct);
    }

    /// <summary>Procurement units by part of their name, to choose from when opening a unit's account.</summary>
    public async Task<IReadOnlyList<ProcurementUnit>> UnitsAsync(Actor actor, string? text, CancellationToken ct = default)
    {
        Require(actor, "list users");
        if (string.IsNullOrWhiteSpace(text)) return [];
        return (await cases.SearchUnitsAsync(text.Trim(), null, null, 20, ct)).Select(u => u.Unit).ToList();
    }

    /// <summary>Whether the account is the actor's own (the list offers neither disabling nor a reset for it).</summary>
    public static bool IsOwn(Actor actor, string userName) => string.Equals(userName, actor.UserName, StringComparison.OrdinalIgnoreCase);

    /// <summary>An administrator locking themselves out (disabled, or a temporary password that signs them out) is refused.</summary>
    private static void RefuseOwn(Actor actor, UserAccount account, string message)
    {
        if (IsOwn(actor, account.UserName)) throw new InvalidInputException([Problem.Of(AccountProblems.OwnAccount, "userName", message)], AccountProblems.OwnAccount);
    }

    private async Task<UserAccount> FindAsync(string userName, CancellationToken ct) =>
        await accounts.FindAsync(userName, ct) ?? throw new NotFoundException(Problem.Of(AccountProblems.UserNotFound, null, $"There is no user {userName}.", ("user", userName)));

    private void Require(Actor actor, string action)
    {
        if (!access.IsWorkflowAdmin(actor)) throw access.Denied(actor, action, "Only the Data Bureau's administrators manage accounts.");
    }

    /// <summary>14 characters with every class the password rules ask for, from a cryptographic source, without look-alikes.</summary>
    private static string TemporaryPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "#$%&*+-=?@";
        const string all = upper + lower + digits + symbols;
        var chars = new[] { upper, lower, digits, symbols }.Select(set => set[RandomNumberGenerator.GetInt32(set.Length)])
            .Concat(Enumerable.Range(0, 10).Select(_ => all[RandomNumberGenerator.GetInt32(all.Length)])).ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static string Show(UserAccount a) => JsonSerializer.Serialize(new
    {
        a.DisplayName, a.Role, a.CityCode, a.EnterpriseId, a.UnitId, a.Disabled,
    }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private Task RecordAsync(Actor actor, string userName, string action, string? before, string? after, CancellationToken ct) =>
        audit.RecordAsync(new Audit.AuditEntry
        {
            Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = actor.UserName, EntityKind = "user", EntityId = userName, Action = action,
            Before = before, After = after,
        }, ct);
}
