using XinchuangFlow.Domain.Network;
namespace XinchuangFlow.Domain.Tickets;

/// <summary>
/// The part a user task plays for the pages and services of a case flow. A task declares it in its definition
/// (<c>"taskKind": "ticket.feedback"</c>); the portal, the phone page, the inbox and the ticket actions find the task by
/// it — never by the step's id —, so a flow can be edited (steps renamed, reordered, steps inserted) without breaking
/// them. <see cref="Outcomes"/> are the outcome keys the pages complete it with, which a task of this kind must offer;
/// <see cref="OptionalOutcomes"/> are offered by the page only when the task has them. A <see cref="Needed"/> kind must
/// be played by some task of its <see cref="CaseFlow"/>, or publishing the flow is refused. Names are resources
/// (<c>TaskKind.&lt;key&gt;</c> in zh-CN and en).
/// </summary>
public sealed record TaskKind(string Key, string CaseFlow, IReadOnlyList<string> Outcomes, IReadOnlyList<string> OptionalOutcomes, bool Needed)
{
    /// <summary>The resource key of the kind's name.</summary>
    public string NameKey => "TaskKind." + Key;
}

/// <summary>
/// The catalogue of task kinds: the one place that says which parts exist, which flow each belongs to, which outcomes
/// its pages rely on and which a flow must keep. A new kind is one entry here and its name in the two resource files.
/// </summary>
public static class TaskKinds
{
    /// <summary>A dispatcher assigns a technician by hand (the dispatch planner found none). Demo seeding and dispatch use it.</summary>
    public const string ManualDispatch = "ticket.manualDispatch";
    /// <summary>The dispatched technician accepts (or returns) the ticket: the phone page's first buttons.</summary>
    public const string Accept = "ticket.accept";
    /// <summary>The technician checks in on site or reports remote handling: the phone page's check-in.</summary>
    public const string Handle = "ticket.handle";
    /// <summary>The technician records the result (or asks the vendor): the phone page's resolve.</summary>
    public const string Resolve = "ticket.resolve";
    /// <summary>The product vendor's support (worked in the inbox).</summary>
    public const string VendorSupport = "ticket.vendorSupport";
    /// <summary>The unit rates the fix: the portal's "rate" and the ticket API's feedback.</summary>
    public const string Feedback = "ticket.feedback";
    /// <summary>The hotline desk calls the unit back about its ticket (回访, ASM-6).</summary>
    public const string FollowUpCall = "ticket.followUp";
    /// <summary>The enterprise answers a complaint.</summary>
    public const string ComplaintHandle = "complaint.handle";
    /// <summary>The city's coordinator reviews the enterprise's answer.</summary>
    public const string ComplaintReview = "complaint.review";
    /// <summary>The unit confirms the outcome of its complaint: the portal's "confirm".</summary>
    public const string ComplaintConfirm = "complaint.confirm";
    /// <summary>The Data Bureau reviews a knowledge article (approve or return with a comment).</summary>
    public const string KnowledgeReview = "knowledge.review";
    /// <summary>The author changes a returned article and submits it again (or withdraws it).</summary>
    public const string KnowledgeRevise = "knowledge.revise";

    /// <summary>An enterprise's managers accept their quarter's assessment result or object to it (ASM-2).</summary>
    public const string AssessmentObjection = "assessment.objection";
    /// <summary>The Data Bureau rules on an enterprise's objection: uphold or adjust the grade.</summary>
    public const string AssessmentRuling = "assessment.ruling";
    /// <summary>The Data Bureau interviews an enterprise that failed (or passed only basically too often) and decides (ASM-3).</summary>
    public const string AssessmentInterview = "assessment.interview";
    /// <summary>An enterprise's managers answer a supervision notice (ASM-7).</summary>
    public const string SupervisionAnswer = "supervision.answer";
    /// <summary>The issuing party reviews the enterprise's answer to its supervision notice: accept (closed) or return with a comment.</summary>
    public const string SupervisionReview = "supervision.review";

    public static readonly IReadOnlyList<TaskKind> All =
    [
        new(ManualDispatch, CaseFlows.ServiceTicket, [TicketOutcomes.Dispatch], [], Needed: true),
        new(Accept, CaseFlows.ServiceTicket, [TicketOutcomes.Accept], [TicketOutcomes.Return], Needed: true),
        new(Handle, CaseFlows.ServiceTicket, [TicketOutcomes.CheckIn], [TicketOutcomes.Remote], Needed: true),
        new(Resolve, CaseFlows.ServiceTicket, [TicketOutcomes.Resolved], [TicketOutcomes.VendorSupport], Needed: true),
        new(VendorSupport, CaseFlows.ServiceTicket, [TicketOutcomes.Supported], [], Needed: false),
        new(Feedback, CaseFlows.ServiceTicket, [TicketOutcomes.SubmitFeedback], [], Needed: true),
        new(FollowUpCall, CaseFlows.ServiceTicket, [TicketOutcomes.FollowedUp], [], Needed: false),
        new(ComplaintHandle, CaseFlows.Complaint, [ComplaintOutcomes.Respond], [], Needed: true),
        new(ComplaintReview, CaseFlows.Complaint, [ComplaintOutcomes.Approve], [ComplaintOutcomes.ReturnToEnterprise], Needed: false),
        new(ComplaintConfirm, CaseFlows.Complaint, [ComplaintOutcomes.Satisfied, ComplaintOutcomes.Unsatisfied], [], Needed: true),
        new(KnowledgeReview, CaseFlows.KnowledgeArticle, [Knowledge.KnowledgeOutcomes.Approve, Knowledge.KnowledgeOutcomes.Return], [], Needed: true),
        new(KnowledgeRevise, CaseFlows.KnowledgeArticle, [Knowledge.KnowledgeOutcomes.Resubmit], [Knowledge.KnowledgeOutcomes.Withdraw], Needed: true),
        new(AssessmentObjection, CaseFlows.AssessmentObjection, ["accept", "object"], [], Needed: true),
        new(AssessmentRuling, CaseFlows.AssessmentObjection, ["uphold", "adjust"], [], Needed: true),
        new(AssessmentInterview, CaseFlows.AssessmentInterview, [ShortlistActions.Suspend, ShortlistActions.Rectify], [], Needed: true),
        new(SupervisionAnswer, CaseFlows.SupervisionNotice, ["answer"], [], Needed: true),
        new(SupervisionReview, CaseFlows.SupervisionNotice, [Assessment.SupervisionOutcomes.Accept, Assessment.SupervisionOutcomes.Return], [], Needed: true),
    ];

    /// <summary>The technician's steps on the phone page, in the order of work.</summary>
    public static readonly IReadOnlyList<string> Field = [Accept, Handle, Resolve];

    /// <summary>The kind with this key, or null.</summary>
    public static TaskKind? Find(string? key) => key is null ? null : All.FirstOrDefault(k => k.Key == key);

    /// <summary>The kinds a flow must keep for its pages to work (none for a flow that is no case flow).</summary>
    public static IEnumerable<TaskKind> NeededBy(string definitionId) => All.Where(k => k.Needed && k.CaseFlow == definitionId);
}
