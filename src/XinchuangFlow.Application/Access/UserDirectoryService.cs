namespace XinchuangFlow.Application.Access;

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
