using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Dispatch;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>The domain's activities, registered like the generic ones.</summary>
public static class DomainActivities
{
    public static readonly Type[] Types =
    [
        typeof(RegisterActivity), typeof(GradeActivity), typeof(OverrideGradeActivity), typeof(DispatchActivity), typeof(AssignActivity),
        typeof(StartClockActivity), typeof(PauseClockActivity), typeof(ResumeClockActivity), typeof(StopClockActivity), typeof(EscalateActivity),
        typeof(SetTicketStatusActivity), typeof(BackToWorkActivity), typeof(CheckInActivity), typeof(ResolveActivity), typeof(FeedbackActivity), typeof(FeedbackTaskActivity), typeof(ReopenActivity),
        typeof(CloseActivity), typeof(RequestVendorSupportActivity), typeof(SelectFollowUpActivity), typeof(RecordFollowUpActivity),
        typeof(FileComplaintActivity), typeof(ComplaintStepActivity),
        typeof(SubmitArticleActivity), typeof(KnowledgeReviewTaskActivity), typeof(PublishArticleActivity), typeof(ReturnArticleActivity), typeof(ResubmitArticleActivity), typeof(WithdrawArticleActivity),
    ];
}
