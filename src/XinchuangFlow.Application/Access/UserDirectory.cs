namespace XinchuangFlow.Application.Access;

/// <summary>A user as pickers show them.</summary>
public sealed record UserEntry(string UserName, string? DisplayName);

/// <summary>A user with their roles and tenant: enough to decide what they could do.</summary>
public sealed record UserProfile(string UserName, string? DisplayName, IReadOnlyList<string> Roles, Guid? EnterpriseId, string? CityCode, Guid? UnitId)
{
    public Actor ToActor() => Actor.Of(UserName, Roles, EnterpriseId, CityCode, UnitId);
}

/// <summary>Finds users (the database layer implements it).</summary>
public interface IUserDirectory
{
    /// <summary>By part of their login or name.</summary>
    Task<IReadOnlyList<UserEntry>> SearchAsync(string? text, int take, CancellationToken ct = default);

    /// <summary>One user by login, with roles and tenant; null when there is none.</summary>
    Task<UserProfile?> FindAsync(string userName, CancellationToken ct = default);

    /// <summary>The user whose login or contact e-mail address is <paramref name="address"/>; null when none or more than one is.</summary>
    Task<UserProfile?> FindByEmailAsync(string address, CancellationToken ct = default);

    /// <summary>Holders of <paramref name="role"/> in the same tenant (enterprise, city or unit, whichever is given).</summary>
    Task<IReadOnlyList<UserEntry>> TeamAsync(string role, Guid? enterpriseId, string? cityCode, Guid? unitId, int take, CancellationToken ct = default);

    /// <summary>How to reach these users and which channels they want (unknown names are left out).</summary>
    Task<IReadOnlyList<Notifications.UserContact>> ContactsAsync(IReadOnlyList<string> userNames, CancellationToken ct = default);

    /// <summary>Stores a user's own e-mail address, phone number and channel wishes.</summary>
    Task UpdateContactAsync(string userName, string? email, string? phone, bool byEmail, bool bySms, CancellationToken ct = default);
}

/// <summary>
/// A user's own notification settings (issue 11): the inbox always; e-mail and SMS when they give an address and want
/// them. Everyone edits only their own.
/// </summary>
public sealed class MySettingsService(IUserDirectory users, Audit.IAuditLog audit, TimeProvider clock)
{
    public async Task<Notifications.UserContact> GetAsync(Actor actor, CancellationToken ct = default) =>
        (await users.ContactsAsync([actor.UserName ?? ""], ct)).FirstOrDefault() ?? throw new NotFoundException("You are not a user of the platform.");

    public async Task SaveAsync(Actor actor, string? email, string? phone, bool byEmail, bool bySms, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (email is not null && !Domain.Tickets.TextRules.IsEmail(email)) errors["email"] = [Domain.Tickets.TextRules.EmailProblem];
        if (phone is not null && !Domain.Tickets.TextRules.IsPhone(phone)) errors["phone"] = [Domain.Tickets.TextRules.PhoneProblem];
        if (byEmail && email is null) errors["email"] = [.. errors.GetValueOrDefault("email") ?? [], "Give an e-mail address to be told by e-mail."];
        if (bySms && phone is null) errors["phone"] = [.. errors.GetValueOrDefault("phone") ?? [], "Give a mobile number to be told by SMS."];
        if (errors.Count > 0) throw new InvalidInputException(errors);
        var before = await GetAsync(actor, ct);
        await users.UpdateContactAsync(actor.UserName ?? throw new InvalidInputException("user", "Sign in first."), email, phone, byEmail, bySms, ct);
        // The phone number is encrypted at rest; the audit trail (append-only, never re-encrypted) shows its last four digits.
        static string? Mask(string? p) => p is null ? null : p.Length <= 4 ? "****" : new string('*', p.Length - 4) + p[^4..];
        static string Show(string? e, string? p, bool be, bool bs) => $"email={e}; phone={Mask(p)}; byEmail={be}; bySms={bs}";
        await audit.RecordAsync(new Audit.AuditEntry
        {
            Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = actor.UserName, EntityKind = "user", EntityId = actor.UserName!, Action = "contact",
            Before = Show(before.Email, before.Phone, before.ByEmail, before.BySms), After = Show(email, phone, byEmail, bySms),
        }, ct);
    }
}

/// <summary>The user picker of the designer: people an administrator may name as a task's assignee.</summary>
public sealed class UserDirectoryService(IUserDirectory users, AccessService access)
{
    /// <summary>
    /// Whom the actor may hand a task to: holders of the task's role in the actor's own tenant (their enterprise, city or
    /// unit). The reassignment itself checks the chosen person again.
    /// </summary>
    public async Task<IReadOnlyList<UserEntry>> TeamForAsync(Actor actor, Engine.Runtime.HumanTask task, CancellationToken ct = default)
    {
        if (task.AssigneeRole is not { } role) return [];
        var scope = access.ScopeOf(actor);
        if (!scope.All && scope.Enterprise is null && scope.City is null && scope.Unit is null) return [];
        var team = await users.TeamAsync(role, scope.Enterprise, scope.City, scope.Unit, 50, ct);
        return team.Where(u => !string.Equals(u.UserName, actor.UserName, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    public async Task<IReadOnlyList<UserEntry>> SearchAsync(Actor actor, string? text, CancellationToken ct = default)
    {
        if (!access.MayReadDefinitions(actor)) throw access.Denied(actor, "search users", "Only the Data Bureau and the Intranet Office pick users for flows.");
        return await users.SearchAsync(text, 20, ct);
    }
}
