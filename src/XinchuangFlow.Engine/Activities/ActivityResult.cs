namespace XinchuangFlow.Engine.Activities;

/// <summary>The result of running or resuming an activity.</summary>
public abstract record ActivityResult
{
    /// <summary>Continue along the given outcome ports.</summary>
    public static ActivityResult Done(params string[] outcomes) => new Completed(outcomes);

    /// <summary>The activity created its bookmark(s) and waits.</summary>
    public static readonly ActivityResult Wait = new Waiting();

    /// <summary>This path ends here (no outgoing flow).</summary>
    public static readonly ActivityResult EndPath = new Completed([]);

    /// <summary>Completed with outcomes.</summary>
    public sealed record Completed(IReadOnlyList<string> Outcomes) : ActivityResult;

    /// <summary>Waiting on bookmarks.</summary>
    public sealed record Waiting : ActivityResult;

    /// <summary>Ends the whole instance, cancelling every other wait.</summary>
    public sealed record Terminate : ActivityResult;
}
