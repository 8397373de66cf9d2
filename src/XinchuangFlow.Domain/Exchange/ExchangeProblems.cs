namespace XinchuangFlow.Domain.Exchange;

/// <summary>Why a reported batch or one of its records was refused (DAT-2).</summary>
[XinchuangFlow.Kernel.ProblemCodes]
public static class ExchangeProblems
{
    /// <summary>Arguments: field (the member's path in the record), reason (the schema's words, English).</summary>
    public const string Schema = "exchange-schema";
    /// <summary>Arguments: field (the batch is not what the standard describes: not JSON, not v1, or more than 1,000 records), reason.</summary>
    public const string Batch = "exchange-batch";
    /// <summary>Arguments: field (a record names another enterprise than the key's).</summary>
    public const string OtherEnterprise = "exchange-other-enterprise";
    /// <summary>Arguments: field, value (a procurement unit unknown to the platform).</summary>
    public const string UnknownUnit = "exchange-unknown-unit";
    /// <summary>Arguments: field, value (a code that names no Guangxi city or county).</summary>
    public const string UnknownDivision = "exchange-unknown-division";
    /// <summary>Arguments: field, value (the county), city.</summary>
    public const string CountyNotInCity = "exchange-county-not-in-city";
    /// <summary>Arguments: field, value (an event of a ticket neither in the batch nor reported before).</summary>
    public const string UnknownTicket = "exchange-unknown-ticket";
    /// <summary>Arguments: field, value (the external id), sequence (the same record twice in one batch).</summary>
    public const string Duplicate = "exchange-duplicate";
    /// <summary>Arguments: field (a time later than the moment it was received).</summary>
    public const string FutureTime = "exchange-future-time";
    /// <summary>Arguments: field (an event dated before its ticket was created).</summary>
    public const string BeforeCreated = "exchange-before-created";
    /// <summary>No arguments: the batch asked to be stored whole and another record was refused, so this one was not stored.</summary>
    public const string NotStoredAtomic = "exchange-not-stored-atomic";
    /// <summary>No arguments: only an enterprise's own platform key reports service data.</summary>
    public const string NotAReporter = "exchange-not-a-reporter";
    /// <summary>Arguments: field, min, max (years): a time the calendar cannot hold or outside these years.</summary>
    public const string TimeRange = "exchange-time-range";
    /// <summary>Arguments: value (an export format other than json and xlsx).</summary>
    public const string ExportFormat = "exchange-export-format";
}
