namespace XinchuangFlow.Application.Access;

/// <summary>A user as pickers show them.</summary>
public sealed record UserEntry(string UserName, string? DisplayName);

/// <summary>Finds users by part of their login or name (the database layer implements it).</summary>
public interface IUserDirectory
{
    Task<IReadOnlyList<UserEntry>> SearchAsync(string? text, int take, CancellationToken ct = default);
}

/// <summary>The user picker of the designer: people an administrator may name as a task's assignee.</summary>
public sealed class UserDirectoryService(IUserDirectory users, AccessService access)
{
    public async Task<IReadOnlyList<UserEntry>> SearchAsync(Actor actor, string? text, CancellationToken ct = default)
    {
        if (!access.MayReadDefinitions(actor)) throw access.Denied(actor, "search users", "Only the Data Bureau and the Intranet Office pick users for flows.");
        return await users.SearchAsync(text, 20, ct);
    }
}
