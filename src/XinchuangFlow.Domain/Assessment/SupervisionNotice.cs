using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Assessment;

/// <summary>Where a supervision notice (督办) stands.</summary>
public static class SupervisionStatus
{
    /// <summary>Issued; the enterprise has until the deadline to answer.</summary>
    public const string Open = "open";
    /// <summary>The deadline passed unanswered: the issuer and the Data Bureau were told; the enterprise still owes the answer.</summary>
    public const string Escalated = "escalated";
    /// <summary>Answered by the deadline in force; the issuer reviews the answer.</summary>
    public const string Answered = "answered";
    /// <summary>Answered after the deadline in force (after the escalation); the issuer reviews the answer.</summary>
    public const string AnsweredLate = "answered-late";
    /// <summary>The issuer returned the answer with a comment: the enterprise owes a new answer (by the deadline the return set).</summary>
    public const string Returned = "returned";
    /// <summary>The issuer accepted the answer: the notice is closed (办结).</summary>
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Open, Escalated, Answered, AnsweredLate, Returned, Closed];

    /// <summary>The enterprise owes an answer (a second identical notice returns this one).</summary>
    public static readonly IReadOnlyList<string> Owed = [Open, Escalated, Returned];

    /// <summary>An answer waits for the issuer's review.</summary>
    public static bool AwaitsReview(string status) => status is Answered or AnsweredLate;
}

/// <summary>The outcomes of the issuer's review of an answer (the <c>supervision.review</c> task's keys).</summary>
public static class SupervisionOutcomes
{
    /// <summary>The answer will do: the notice is closed.</summary>
    public const string Accept = "accept";
    /// <summary>The answer will not do: back to the enterprise with a comment, for a new answer.</summary>
    public const string Return = "return";
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
/// is still owed); the issuing party reviews each answer — accepts it (the notice is closed) or returns it with a comment
/// (the enterprise answers again, by the deadline in force or, when less than a day of it is left, a day after the return);
/// the notices an enterprise received in a quarter and whether it answered on time count in its
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
    /// <summary>The later deadline a return set for the new answer (null: the notice's own <see cref="Deadline"/> is in force).</summary>
    public DateTimeOffset? ExtendedDeadline { get; set; }
    /// <summary>How often the issuer returned an answer.</summary>
    public int Returns { get; set; }
    /// <summary>Some answer came after the deadline in force for it (kept once set: a later answer on time does not undo it).</summary>
    public bool Late { get; set; }
    /// <summary>The issuer's last review: its comment (why it was returned, or a word on acceptance), who and when.</summary>
    public string? ReviewComment { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>When the issuer accepted the answer.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The deadline the owed (or last) answer is measured against: the one a return set, else the notice's own.</summary>
    public DateTimeOffset DeadlineInForce => ExtendedDeadline ?? Deadline;
}

/// <summary>
/// A notice as the indicators read it: <paramref name="Deadline"/> is the deadline in force (a return may have extended
/// it), <paramref name="AnsweredAt"/> the time of the answer that stands (null while one is owed: not yet answered, or the
/// last answer returned), <paramref name="Late"/> whether any answer came after the deadline in force for it.
/// </summary>
public sealed record KpiNotice(string Number, Guid EnterpriseId, string? CityCode, DateTimeOffset IssuedAt, DateTimeOffset Deadline, DateTimeOffset? AnsweredAt, bool Late = false);
