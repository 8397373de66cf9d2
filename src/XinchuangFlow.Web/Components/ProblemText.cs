namespace XinchuangFlow.Web.Components;

/// <summary>
/// The one place a page turns a refusal (<see cref="XfException"/>) into the text it shows; pages catch the family, not
/// its members, and branch on <see cref="XfException.Kind"/> where they must (a conflict offers a reload). Texts come
/// from the problems today; turning each code and its arguments into the user's language happens here.
/// </summary>
public static class ProblemText
{
    /// <summary>Every problem of the refusal, as one line.</summary>
    public static string Text(this XfException refusal) => string.Join(" ", refusal.Messages);
}
