namespace XinchuangFlow.Domain.Tickets;

/// <summary>The definitions the application's use cases own (SEC-5: started only through them).</summary>
public static class CaseFlows
{
    public const string ServiceTicket = "service-ticket";
    public const string Complaint = "complaint";
    /// <summary>A knowledge article's review (KB-1): submitted, reviewed by the Data Bureau, returned and resubmitted, published.</summary>
    public const string KnowledgeArticle = "knowledge-article";
    /// <summary>A quarter's assessment (ASM-2): computed, one objection flow per enterprise, published.</summary>
    public const string AssessmentQuarter = "assessment-quarter";
    /// <summary>One enterprise's result: it accepts or objects, the Data Bureau rules on an objection.</summary>
    public const string AssessmentObjection = "assessment-objection";
    /// <summary>The interview of an enterprise that failed its quarter, and the Data Bureau's decision (ASM-3).</summary>
    public const string AssessmentInterview = "assessment-interview";
    /// <summary>A supervision notice (ASM-7): the enterprise answers by the deadline, or it escalates and the answer is still owed.</summary>
    public const string SupervisionNotice = "supervision-notice";
}
