namespace XinchuangFlow.Application.Audit;

/// <summary>
/// One line of the audit trail as the audit page and <c>GET /api/audit</c> show it: the line as kept, and
/// <see cref="Subject"/>, the name of what it is about where its id is no name to read.
/// </summary>
public sealed class AuditLine
{
    public Guid Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string? User { get; init; }
    public string EntityKind { get; init; } = "";
    public string EntityId { get; init; } = "";
    public string Action { get; init; } = "";
    public string? Comment { get; init; }
    public int? Version { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
    public string? Address { get; init; }
    public long? SealOrder { get; init; }
    public string? PrevHash { get; init; }
    public string? Hash { get; init; }

    /// <summary>
    /// The name of the thing: the enterprise of an enterprise's line, of a build-out evaluation (<c>{enterprise}/{round}</c>)
    /// or of its liaison (<c>enterprise-{id}</c>); the city of a city's liaison or rule set (<c>sla/4502</c>); a service
    /// point or technician by the name in its state. Null where the id is what reads (a ticket's number, a login, a rule
    /// set of the whole region), or where the thing is no longer found.
    /// </summary>
    public string? Subject { get; init; }

    public static AuditLine Of(AuditEntry e, string? subject) => new()
    {
        Id = e.Id, At = e.At, User = e.User, EntityKind = e.EntityKind, EntityId = e.EntityId, Action = e.Action, Comment = e.Comment, Version = e.Version,
        Before = e.Before, After = e.After, Address = e.Address, SealOrder = e.SealOrder, PrevHash = e.PrevHash, Hash = e.Hash, Subject = subject,
    };
}
