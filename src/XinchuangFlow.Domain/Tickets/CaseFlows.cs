namespace XinchuangFlow.Domain.Tickets;

/// <summary>The definitions the application's use cases own (SEC-5: started only through them).</summary>
public static class CaseFlows
{
    public const string ServiceTicket = "service-ticket";
    public const string Complaint = "complaint";
    /// <summary>A knowledge article's review (KB-1): submitted, reviewed by the Data Bureau, returned and resubmitted, published.</summary>
    public const string KnowledgeArticle = "knowledge-article";
}
