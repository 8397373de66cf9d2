using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Assessment;

/// <summary>Where a supervision notice (督办) stands.</summary>
public static class SupervisionStatus
{
    /// <summary>Issued; the enterprise has until the deadline to answer.</summary>
    public const string Open = "open";
    /// <summary>The deadline passed unanswered: the issuer and the Data Bureau were told; the enterprise still owes the answer.</summary>
    public const string Escalated = "escalated";
    /// <summary>Answered by the deadline.</summary>
    public const string Answered = "answered";
    /// <summary>Answered after the deadline (after the escalation).</summary>
    public const string AnsweredLate = "answered-late";

    public static readonly IReadOnlyList<string> All = [Open, Escalated, Answered, AnsweredLate];
}

/// <summary>What a supervision notice is about.</summary>
public static class SupervisionTargets
{
    public const string Ticket = "ticket", Enterprise = "enterprise";
}

/// <summary>Who issued a notice: the party, for the reader (the Data Bureau, the Intranet Office, a city's coordinator).</summary>
public static class SupervisionIssuers
{
    public const string DataBureau = "data-bureau", IntranetOffice = "intranet-office", Coordinator = "coordinator";
}

/// <summary>
/// A supervision notice (督办, ASM-7): the Data Bureau, the Intranet Office or a municipal coordinator tells an enterprise,
/// about one of its tickets or about its service in general, what must be done and by when. The enterprise's managers
/// answer in their inbox; a deadline that passes unanswered escalates (the issuer and the Data Bureau are told, the answer
/// is still owed); the notices an enterprise received in a quarter and whether it answered on time count in its
/// assessment (<see cref="Kpis.SupervisionNotices"/>, <see cref="Kpis.SupervisionOnTime"/>). Its flow
/// (<c>supervision-notice</c>) is the case's, its history lines are those of a case of kind <c>supervision</c>.
/// </summary>
public sealed class SupervisionNotice : IVersionedCase
{
    string ICase.CaseKind => CaseKinds.Supervision;

    public Guid Id { get; set; }
    /// <summary>DB + the China day of issue + a serial, <c>DB20261203-001</c>.</summary>
    public string Number { get; set; } = "";
    public string Target { get; set; } = SupervisionTargets.Enterprise;
    public Guid? TicketId { get; set; }
    public string? TicketNumber { get; set; }
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    /// <summary>The city it concerns: the ticket's, or the issuing coordinator's; null for a regional notice on an enterprise.</summary>
    public string? CityCode { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset Deadline { get; set; }
    public string IssuedBy { get; set; } = "";
    public string Issuer { get; set; } = SupervisionIssuers.DataBureau;
    public DateTimeOffset IssuedAt { get; set; }
    public Guid InstanceId { get; set; }
    public int Version { get; set; }
    public string Status { get; set; } = SupervisionStatus.Open;
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A notice as the indicators read it.</summary>
public sealed record KpiNotice(string Number, Guid EnterpriseId, string? CityCode, DateTimeOffset IssuedAt, DateTimeOffset Deadline, DateTimeOffset? AnsweredAt);
