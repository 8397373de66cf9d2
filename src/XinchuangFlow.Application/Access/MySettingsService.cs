namespace XinchuangFlow.Application.Access;

/// <summary>
/// A user's own notification settings (issue 11): the inbox always; e-mail and SMS when they give an address and want
/// them. Everyone edits only their own.
/// </summary>
public sealed class MySettingsService(IUserDirectory users, Audit.IAuditLog audit, TimeProvider clock)
{
    public async Task<Notifications.UserContact> GetAsync(Actor actor, CancellationToken ct = default) =>
        (await users.ContactsAsync([actor.UserName ?? ""], ct)).FirstOrDefault() ?? throw new NotFoundException(Problem.Of(AccountProblems.NotAUser, null, "You are not a user of the platform."));

    public async Task SaveAsync(Actor actor, string? email, string? phone, bool byEmail, bool bySms, CancellationToken ct = default)
    {
        var errors = new ProblemList();
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (email is not null) errors.AddIf(Domain.Tickets.TextRules.CheckEmail(email, "email"));
        if (phone is not null) errors.AddIf(Domain.Tickets.TextRules.CheckPhone(phone, "phone"));
        if (byEmail && email is null) errors.Add(Problem.Of(AccountProblems.EmailForMail, "email", "Give an e-mail address to be told by e-mail."));
        if (bySms && phone is null) errors.Add(Problem.Of(AccountProblems.PhoneForSms, "phone", "Give a mobile number to be told by SMS."));
        errors.ThrowIfAny();
        var before = await GetAsync(actor, ct);
        await users.UpdateContactAsync(actor.UserName ?? throw new InvalidInputException(Problem.Of(AccountProblems.SignInFirst, "user", "Sign in first.")), email, phone, byEmail, bySms, ct);
        // The phone number is encrypted at rest; the audit trail (append-only, never re-encrypted) shows its last four digits.
        static string Show(string? e, string? p, bool be, bool bs) => $"email={e}; phone={Audit.PersonalData.MaskPhone(p)}; byEmail={be}; bySms={bs}";
        await audit.RecordAsync(new Audit.AuditEntry
        {
            Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = actor.UserName, EntityKind = "user", EntityId = actor.UserName!, Action = "contact",
            Before = Show(before.Email, before.Phone, before.ByEmail, before.BySms), After = Show(email, phone, byEmail, bySms),
        }, ct);
    }
}
