using System.Collections.Concurrent;

namespace XinchuangFlow.Application.Access;

/// <summary>
/// Who people are: whom a task may be handed to, the users a flow designer picks, and — for every page that shows who
/// did something — a login as other people read it (<see cref="WhoAsync(IEnumerable{string?}, CancellationToken)"/>).
/// </summary>
public sealed class UserDirectoryService(IUserDirectory users, AccessService access, TimeProvider clock)
{
    /// <summary>How long a name read from the directory is reused before it is read again (a renamed account shows its new name after this).</summary>
    public static readonly TimeSpan NamesKeptFor = TimeSpan.FromMinutes(5);
    private const int MostKept = 20_000;
    private readonly ConcurrentDictionary<string, (Person? Person, DateTimeOffset Until)> _names = new(StringComparer.OrdinalIgnoreCase);

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

    /// <summary>
    /// The people behind these logins (a history's, a list's), by login, case-insensitively: their names and
    /// organisations, read once and kept for <see cref="NamesKeptFor"/>. A login that is nobody's (the system, a start-up
    /// import, an enterprise's reporting desk, a deleted account) is absent: the page says what it is instead. Anyone who
    /// sees a record sees who did it; a login unknown to the caller never gets in here.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Person>> WhoAsync(IEnumerable<string?> userNames, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var found = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        foreach (var name in userNames.OfType<string>().Where(IsLogin).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (_names.TryGetValue(name, out var kept) && kept.Until > now)
            {
                if (kept.Person is { } p) found[name] = p;
            }
            else missing.Add(name);
        }
        if (missing.Count == 0) return found;
        var read = (await users.PeopleAsync(missing, ct)).ToDictionary(p => p.UserName, StringComparer.OrdinalIgnoreCase);
        if (_names.Count > MostKept) _names.Clear();
        foreach (var name in missing)
        {
            var person = read.GetValueOrDefault(name);
            _names[name] = (person, now + NamesKeptFor);
            if (person is not null) found[name] = person;
        }
        return found;
    }

    /// <summary>One login as people read it; null when it is nobody's (see <see cref="WhoAsync(IEnumerable{string?}, CancellationToken)"/>).</summary>
    public async Task<Person?> WhoAsync(string? userName, CancellationToken ct = default) =>
        userName is null ? null : (await WhoAsync([userName], ct)).GetValueOrDefault(userName);

    /// <summary>A person's login, not a marker of the system (<c>system</c>, <c>import:…</c>, <c>reported:…</c>, <c>platform:…</c>).</summary>
    private static bool IsLogin(string name) => name.Length is > 0 and <= 256 && name != "system" && !name.Contains(':', StringComparison.Ordinal);
}
