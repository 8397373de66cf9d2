namespace XinchuangFlow.Domain.Tickets;

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
