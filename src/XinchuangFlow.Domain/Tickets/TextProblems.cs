namespace XinchuangFlow.Domain.Tickets;

/// <summary>Problem codes of typed text (<see cref="TextRules"/>) and of a request for service (<see cref="TicketRequest"/>).</summary>
[ProblemCodes]
public static class TextProblems
{
    /// <summary>Arguments: field.</summary>
    public const string Required = "text-required";
    /// <summary>Arguments: field (a choice from a list that was left empty).</summary>
    public const string ChoiceRequired = "choice-required";
    /// <summary>Arguments: field, length, max.</summary>
    public const string TooLong = "text-too-long";
    /// <summary>Arguments: field, character.</summary>
    public const string DirectionControl = "text-direction-control";
    /// <summary>Arguments: field, character.</summary>
    public const string ControlCharacter = "text-control-character";
    /// <summary>Arguments: field.</summary>
    public const string Phone = "phone-invalid";
    /// <summary>Arguments: field.</summary>
    public const string Email = "email-invalid";
    /// <summary>Arguments: field (a phone number or an e-mail address is needed).</summary>
    public const string ContactMissing = "contact-missing";
    /// <summary>Arguments: field, value (a code the field's list does not hold).</summary>
    public const string NotInList = "not-in-list";
    /// <summary>Arguments: field, value.</summary>
    public const string NotACity = "not-a-city";
    /// <summary>Arguments: field, value.</summary>
    public const string NotACounty = "not-a-county";
    /// <summary>Arguments: field, county (its name), city (the city code given).</summary>
    public const string CountyNotInCity = "county-not-in-city";
}
