namespace XinchuangFlow.Engine.Runtime;

/// <summary>Problem codes of a task's form (<see cref="FormValidator"/>); every one has the arguments field and label (as the form labels it).</summary>
[ProblemCodes]
public static class FormProblems
{
    public const string Required = "form-required";
    public const string Number = "form-number";
    public const string Boolean = "form-boolean";
    public const string Date = "form-date";
    public const string Choice = "form-choice";
    public const string Text = "form-text";
    /// <summary>Also the argument max.</summary>
    public const string TooLong = "form-too-long";
    public const string Unknown = "form-unknown-field";
}
