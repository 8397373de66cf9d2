namespace XinchuangFlow.Domain.Rules;

/// <summary>Why a holiday calendar file (.ics) is refused on import, as codes the page words in the reader's language.</summary>
[ProblemCodes]
public static class CalendarProblems
{
    /// <summary>No arguments.</summary>
    public const string NotIcs = "calendar-not-ics";
    /// <summary>Arguments: event.</summary>
    public const string NoStart = "calendar-event-no-start";
    /// <summary>Arguments: max.</summary>
    public const string TooManyOccurrences = "calendar-too-many-occurrences";
    /// <summary>Arguments: max.</summary>
    public const string TooManyDays = "calendar-too-many-days";
    /// <summary>No arguments.</summary>
    public const string RuleFindsNoDay = "calendar-rule-finds-no-day";
    /// <summary>Arguments: event.</summary>
    public const string EverySecond = "calendar-every-second";
    /// <summary>Arguments: event.</summary>
    public const string EveryMinute = "calendar-every-minute";
    /// <summary>Arguments: event.</summary>
    public const string EveryHour = "calendar-every-hour";
    /// <summary>Arguments: event.</summary>
    public const string AtTimesOfDay = "calendar-at-times-of-day";
    /// <summary>Arguments: seconds.</summary>
    public const string TooSlow = "calendar-too-slow";

    /// <summary>The refusal of a calendar file: an <see cref="InvalidDataException"/> carrying the coded problem.</summary>
    public static InvalidDataException Refusal(string code, string message, params (string, object?)[] args) =>
        DocumentProblems.Create([Problem.Of(code, "file", message, args)]);
}
