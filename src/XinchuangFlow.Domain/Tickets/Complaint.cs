namespace XinchuangFlow.Domain.Tickets;

/// <summary>Complaint statuses (FLOW-2): filed → handling (enterprise) → reviewing (coordinator) → confirming (user) → closed.</summary>
public static class ComplaintStatus
{
    public const string Filed = "filed";
    public const string Handling = "handling";
    public const string Reviewing = "reviewing";
    public const string Confirming = "confirming";
    public const string Closed = "closed";

    public static readonly IReadOnlyDictionary<string, string> NamesZh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Filed] = "已提交", [Handling] = "企业处理中", [Reviewing] = "市级审核中", [Confirming] = "待用户确认", [Closed] = "已办结",
    };

    public static bool IsKnown(string status) => NamesZh.ContainsKey(status);
}

/// <summary>A complaint by a procurement unit, usually about a ticket; handled by the <c>complaint</c> flow.</summary>
public sealed class Complaint : IVersionedCase
{
    string ICase.CaseKind => CaseKinds.Complaint;

    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public int Version { get; set; }
    public Guid InstanceId { get; set; }
    public Guid? TicketId { get; set; }
    public string? TicketNumber { get; set; }
    public string? RequestKey { get; set; }
    public Guid? ProcurementUnitId { get; set; }
    public string ProcurementUnit { get; set; } = "";
    public string CityCode { get; set; } = "";
    /// <summary>The enterprise complained about (the ticket's integrator).</summary>
    public Guid? EnterpriseId { get; set; }
    public string Category { get; set; } = "service";
    public string Description { get; set; } = "";
    public string Status { get; set; } = ComplaintStatus.Filed;
    public string? EnterpriseResponse { get; set; }
    public string? CoordinatorOpinion { get; set; }
    public string? UserConfirmation { get; set; }
    /// <summary>How many times the complaint went back to the enterprise.</summary>
    public int Rounds { get; set; }
    public DateTimeOffset? StepDueAt { get; set; }
    /// <summary>The step deadline a reminder was sent for (one reminder per overdue step).</summary>
    public DateTimeOffset? RemindedFor { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>What the complaint flow's domain activities read and the ticket activities load.</summary>
public interface ITicketRepository
{
    Task<Ticket?> FindTicketByInstanceAsync(Guid instanceId, CancellationToken ct = default);
    Task<Ticket?> FindTicketAsync(Guid id, CancellationToken ct = default);
    Task<Complaint?> FindComplaintByInstanceAsync(Guid instanceId, CancellationToken ct = default);
    /// <summary>The next number of a per-day sequence, e.g. GX-4501-20261127 → 12. Never returns a number twice.</summary>
    Task<int> NextSequenceAsync(string key, CancellationToken ct = default);
}
