namespace XinchuangFlow.Cases.Activities;

/// <summary>Problem codes of the user's feedback (<see cref="FeedbackTaskActivity"/>).</summary>
[ProblemCodes]
public static class FeedbackProblems
{
    /// <summary>Arguments: field (satisfaction).</summary>
    public const string Satisfaction = "feedback-satisfaction";
    /// <summary>Arguments: field (comment), max (the highest rating that needs a comment).</summary>
    public const string CommentRequired = "feedback-comment-required";
}
