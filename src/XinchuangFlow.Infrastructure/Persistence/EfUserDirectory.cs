using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Access;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// Users from the Identity tables, searched by login or display name. A disabled account is nobody here: it is not found,
/// offered, handed work or sent messages (the administration of accounts reads them through IUserAccounts).
/// </summary>
public sealed class EfUserDirectory(IDbContextFactory<XfDbContext> factory) : IUserDirectory
{
    public async Task<IReadOnlyList<UserEntry>> SearchAsync(string? text, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Users.AsNoTracking().Where(u => u.DisabledAt == null);
        if (!string.IsNullOrWhiteSpace(text))
            q = q.Where(u => (u.UserName != null && u.UserName.Contains(text)) || (u.DisplayName != null && u.DisplayName.Contains(text)));
        return await q.OrderBy(u => u.UserName).Take(take).Select(u => new UserEntry(u.UserName!, u.DisplayName)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Person>> PeopleAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default)
    {
        if (userNames.Count == 0) return [];
        var normalized = userNames.Select(u => u.Trim().ToUpperInvariant()).Distinct().ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from u in db.Users.AsNoTracking()
                          where normalized.Contains(u.NormalizedUserName!)
                          join e in db.Enterprises.AsNoTracking() on u.EnterpriseId equals e.Id into ej
                          from e in ej.DefaultIfEmpty()
                          join p in db.ProcurementUnits.AsNoTracking() on u.ProcurementUnitId equals p.Id into pj
                          from p in pj.DefaultIfEmpty()
                          select new { u.UserName, u.DisplayName, Enterprise = e != null ? e.Name : null, Unit = p != null ? p.Name : null }).ToListAsync(ct);
        var people = rows.Select(r => new Person(r.UserName!, string.IsNullOrWhiteSpace(r.DisplayName) ? Person.NameFromLogin(r.UserName!) : r.DisplayName.Trim(),
            r.Enterprise ?? r.Unit)).ToList();
        // A technician of the roster without an account (a network's staff the enterprise keeps, the demo's) by the name
        // the roster gives them, as the dispatch picker names them — never by their login.
        var found = people.Select(p => p.UserName.ToUpperInvariant()).ToHashSet();
        var rest = userNames.Select(u => u.Trim()).Where(u => !found.Contains(u.ToUpperInvariant())).SelectMany(u => new[] { u, u.ToLowerInvariant() }).Distinct().ToList();
        if (rest.Count == 0) return people;
        var technicians = await (from t in db.Technicians.AsNoTracking()
                                 where rest.Contains(t.UserName)
                                 join e in db.Enterprises.AsNoTracking() on t.EnterpriseId equals e.Id into ej
                                 from e in ej.DefaultIfEmpty()
                                 select new { t.UserName, t.Name, Enterprise = e != null ? e.Name : null }).ToListAsync(ct);
        foreach (var t in technicians.Where(t => !string.IsNullOrWhiteSpace(t.Name)).GroupBy(t => t.UserName.ToUpperInvariant()).Select(g => g.First()))
        {
            var asked = userNames.First(u => string.Equals(u.Trim(), t.UserName, StringComparison.OrdinalIgnoreCase)).Trim();
            people.Add(new Person(asked, t.Name.Trim(), t.Enterprise));
        }
        return people;
    }

    public async Task<UserProfile?> FindAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var normalized = userName.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized && u.DisabledAt == null, ct);
        if (user is null) return null;
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync(ct);
        return new UserProfile(user.UserName!, user.DisplayName, roles, user.EnterpriseId, user.CityCode, user.ProcurementUnitId);
    }

    public async Task<UserProfile?> FindByEmailAsync(string address, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var normalized = address.Trim().ToUpperInvariant();
        var found = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized || u.NormalizedUserName == normalized)
            .Select(u => u.UserName!).Distinct().Take(2).ToListAsync(ct);
        // An address two accounts share names nobody for sure.
        return found.Count == 1 ? await FindAsync(found[0], ct) : null;
    }

    public async Task<IReadOnlyList<UserEntry>> TeamAsync(string role, Guid? enterpriseId, string? cityCode, Guid? unitId, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var holders = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == role select ur.UserId;
        var q = db.Users.AsNoTracking().Where(u => holders.Contains(u.Id) && u.DisabledAt == null);
        if (enterpriseId is { } e) q = q.Where(u => u.EnterpriseId == e);
        if (cityCode is { } c) q = q.Where(u => u.CityCode == c);
        if (unitId is { } unit) q = q.Where(u => u.ProcurementUnitId == unit);
        return await q.OrderBy(u => u.UserName).Take(take).Select(u => new UserEntry(u.UserName!, u.DisplayName)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<XinchuangFlow.Application.Notifications.UserContact>> ContactsAsync(IReadOnlyList<string> userNames, CancellationToken ct = default)
    {
        if (userNames.Count == 0) return [];
        var normalized = userNames.Select(u => u.Trim().ToUpperInvariant()).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => normalized.Contains(u.NormalizedUserName!) && u.DisabledAt == null)
            .Select(u => new XinchuangFlow.Application.Notifications.UserContact(u.UserName!, u.Email, u.PhoneNumber, u.NotifyByEmail, u.NotifyBySms, u.EnterpriseId, u.Language))
            .ToListAsync(ct);
    }

    public async Task SetLanguageAsync(string userName, string language, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var normalized = userName.Trim().ToUpperInvariant();
        await db.Users.Where(u => u.NormalizedUserName == normalized).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, language), ct);
    }

    public async Task UpdateContactAsync(string userName, string? email, string? phone, bool byEmail, bool bySms, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var normalized = userName.Trim().ToUpperInvariant();
        await db.Users.Where(u => u.NormalizedUserName == normalized).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Email, email).SetProperty(x => x.NormalizedEmail, email == null ? null : email.ToUpperInvariant())
            .SetProperty(x => x.PhoneNumber, phone).SetProperty(x => x.NotifyByEmail, byEmail).SetProperty(x => x.NotifyBySms, bySms), ct);
    }
}
