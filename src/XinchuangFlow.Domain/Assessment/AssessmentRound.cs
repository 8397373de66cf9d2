using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Assessment;

/// <summary>Where a quarter's assessment round stands.</summary>
public static class AssessmentRoundStatus
{
    /// <summary>Draft results out; the enterprises may object until the objection deadline, the Data Bureau rules on objections.</summary>
    public const string Open = "open";
    /// <summary>Published: the results are frozen. A recomputation is a new revision.</summary>
    public const string Published = "published";
    /// <summary>A published round a later revision of the same quarter replaced (kept, read-only).</summary>
    public const string Superseded = "superseded";
}

/// <summary>
/// One computation of a quarter's assessment (ASM-2): which model version scored it, when, by whom, its objection
/// deadline, and whether it is published. A quarter's first round is revision 1; a recomputation after publishing is the
/// next revision, with its reason, and replaces the published one when it is published itself.
/// </summary>
public sealed class AssessmentRound
{
    public Guid Id { get; set; }
    /// <summary>The quarter, <c>2026Q3</c>.</summary>
    public string Quarter { get; set; } = "";
    public int Revision { get; set; }
    public string Status { get; set; } = AssessmentRoundStatus.Open;
    /// <summary>The quarter's procedure instance (the workflow that computed the round and waits for its objections).</summary>
    public Guid InstanceId { get; set; }
    /// <summary>The version of the assessment model (the regional rule set) the round was scored with.</summary>
    public int ModelVersion { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public DateTimeOffset ObjectionUntil { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>Who started it (null: the quarterly schedule).</summary>
    public string? StartedBy { get; set; }
    /// <summary>Why a quarter was computed again (a revision after the first).</summary>
    public string? Reason { get; set; }
}

/// <summary>Where one enterprise's result in a round stands.</summary>
public static class AssessmentResultStatus
{
    /// <summary>Computed; the enterprise may object.</summary>
    public const string Draft = "draft";
    /// <summary>The enterprise accepted it, or let the objection period pass.</summary>
    public const string Accepted = "accepted";
    /// <summary>The enterprise objected; the Data Bureau has not ruled yet.</summary>
    public const string Objected = "objected";
    /// <summary>The Data Bureau ruled on the objection.</summary>
    public const string Ruled = "ruled";
    /// <summary>Part of a published round: frozen.</summary>
    public const string Published = "published";
}

/// <summary>How the Data Bureau ruled on an objection.</summary>
public static class AssessmentRulings
{
    public const string Upheld = "uphold", Adjusted = "adjust";
}

/// <summary>
/// An enterprise's result in an assessment round: the score as computed (with every indicator and the tickets behind
/// it, as JSON), the grade computed and the grade in force after an objection's ruling, the objection (reason and
/// evidence) and the ruling (reason, by whom). Its history lines are those of a case of kind <c>assessment</c>; the
/// objection step's instance is the case's flow, so the enterprise's managers see its tasks and nobody else's.
/// </summary>
public sealed class AssessmentResult : IVersionedCase
{
    string ICase.CaseKind => CaseKinds.Assessment;

    public Guid Id { get; set; }
    public Guid RoundId { get; set; }
    public string Quarter { get; set; } = "";
    public int Revision { get; set; }
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    /// <summary>The objection step's instance (the case's flow).</summary>
    public Guid InstanceId { get; set; }
    /// <summary>
    /// The interview the published result called for (ASM-3), when it did: its flow's tasks are about this result (the
    /// inbox links them here), though the enterprise sees none of them.
    /// </summary>
    public Guid? InterviewInstanceId { get; set; }
    public int Version { get; set; }
    public string Status { get; set; } = AssessmentResultStatus.Draft;
    public double? Total { get; set; }
    /// <summary>The grade as computed (<see cref="AssessmentGradeCodes"/>).</summary>
    public string ComputedGrade { get; set; } = AssessmentGradeCodes.NotAssessed;
    /// <summary>The grade in force: the computed one, or the one the Data Bureau set when it adjusted on an objection.</summary>
    public string Grade { get; set; } = AssessmentGradeCodes.NotAssessed;
    public bool BelowRedLine { get; set; }
    /// <summary>The <see cref="AssessmentScore"/> as computed, JSON.</summary>
    public string Score { get; set; } = "{}";
    public string? Objection { get; set; }
    public string? Evidence { get; set; }
    public DateTimeOffset? ObjectedAt { get; set; }
    public string? ObjectedBy { get; set; }
    public string? Ruling { get; set; }
    public string? RulingReason { get; set; }
    public string? RuledBy { get; set; }
    public DateTimeOffset? RuledAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
