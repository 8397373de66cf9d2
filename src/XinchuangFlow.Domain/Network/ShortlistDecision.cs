namespace XinchuangFlow.Domain.Network;

/// <summary>What a shortlist decision did (ASM-3).</summary>
public static class ShortlistActions
{
    /// <summary>No new dispatch until restored.</summary>
    public const string Suspend = "suspend";
    /// <summary>Back on the shortlist after rectification.</summary>
    public const string Restore = "restore";
    /// <summary>An interview ended with a rectification order; the status stays.</summary>
    public const string Rectify = "rectify";
    /// <summary>Off the shortlist for good (the Data Bureau's decision, with its reason).</summary>
    public const string Remove = "remove";
}

/// <summary>
/// A recorded decision on an enterprise's place on the shortlist (ASM-3): a suspension after an interview, a restoration
/// after rectification, a rectification order — who decided, when, why, the status before and after, and the assessed
/// quarter that led to it when there is one.
/// </summary>
public sealed class ShortlistDecision
{
    public Guid Id { get; set; }
    public Guid EnterpriseId { get; set; }
    public string Action { get; set; } = ShortlistActions.Suspend;
    public ShortlistStatus FromStatus { get; set; }
    public ShortlistStatus ToStatus { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>The quarter whose result led to it (an interview's), else null.</summary>
    public string? Quarter { get; set; }
    public DateTimeOffset At { get; set; }
    public string? By { get; set; }

    /// <summary>
    /// The decision and the enterprise after it: a suspension (of an enterprise still on the shortlist), a restoration of a suspended one,
    /// a rectification that changes nothing; anything else is no decision (null).
    /// </summary>
    public static (ShortlistDecision Decision, Enterprise After)? Make(Enterprise enterprise, string action, string reason, string? quarter, DateTimeOffset at, string? by)
    {
        var to = action switch
        {
            ShortlistActions.Suspend when enterprise.Status != ShortlistStatus.Removed => ShortlistStatus.Suspended,
            ShortlistActions.Restore when enterprise.Status == ShortlistStatus.Suspended => ShortlistStatus.Active,
            ShortlistActions.Rectify when enterprise.Status != ShortlistStatus.Removed => enterprise.Status,
            ShortlistActions.Remove when enterprise.Status != ShortlistStatus.Removed => ShortlistStatus.Removed,
            _ => (ShortlistStatus?)null,
        };
        if (to is not { } status) return null;
        var decision = new ShortlistDecision
        {
            Id = Guid.CreateVersion7(), EnterpriseId = enterprise.Id, Action = action, FromStatus = enterprise.Status, ToStatus = status, Reason = reason,
            Quarter = quarter, At = at, By = by,
        };
        return (decision, enterprise with { Status = status });
    }
}
