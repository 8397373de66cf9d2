namespace XinchuangFlow.Application.Network;

/// <summary>Problem codes of managing the service network (NET-2/3) and of its Excel import.</summary>
[ProblemCodes]
public static class NetworkProblems
{
    /// <summary>Arguments: field (name), name: another enterprise has this name.</summary>
    public const string EnterpriseNameTaken = "network-enterprise-name-taken";
    /// <summary>Arguments: field (kind), value: not one of the kinds offered.</summary>
    public const string KindInvalid = "network-kind-invalid";
    /// <summary>Arguments: field (countyCode), value: no Guangxi county has this code or name.</summary>
    public const string CountyUnknown = "network-county-unknown";
    /// <summary>Arguments: field (servicePointId), value: the enterprise has no such (active) service point.</summary>
    public const string PointUnknown = "network-point-unknown";
    /// <summary>Arguments: field (name), name, county: the enterprise already has a point of this name in the county.</summary>
    public const string PointNameTaken = "network-point-name-taken";
    /// <summary>Arguments: count: active technicians still work from the point.</summary>
    public const string PointInUse = "network-point-in-use";
    /// <summary>Arguments: field (userName), value: another technician already signs in with this login.</summary>
    public const string LoginTaken = "network-login-taken";
    /// <summary>Arguments: field (capabilityLevel), value: levels are 1 to 3.</summary>
    public const string LevelInvalid = "network-level-invalid";
    /// <summary>Arguments: field, value: not a product category of the work-order standard.</summary>
    public const string CategoryUnknown = "network-category-unknown";
    /// <summary>Arguments: field (technicianId), value: the enterprise has no such technician.</summary>
    public const string TechnicianUnknown = "network-technician-unknown";
    /// <summary>Arguments: field (validUntil): the certificate ends before it begins.</summary>
    public const string CertificateDates = "network-certificate-dates";
    /// <summary>Arguments: field: a date that is needed was left empty.</summary>
    public const string DateRequired = "network-date-required";
    /// <summary>Arguments: field, value: not a date (yyyy-mm-dd).</summary>
    public const string DateInvalid = "network-date-invalid";
    /// <summary>Arguments: field (number), value: the number belongs to another enterprise's certificate.</summary>
    public const string CertificateNumberTaken = "network-certificate-number-taken";
    /// <summary>Arguments: field (number): a certificate needs its number.</summary>
    public const string CertificateNumberRequired = "network-certificate-number-required";
    /// <summary>Arguments: field (hours), value: between 0.5 and 1000 hours.</summary>
    public const string HoursInvalid = "network-hours-invalid";
    /// <summary>Arguments: field (result), value: passed, failed or attended.</summary>
    public const string ResultInvalid = "network-result-invalid";
    /// <summary>Arguments: field (file), name: a scan is a photo (PNG, JPEG, GIF, WebP) or a PDF.</summary>
    public const string ScanType = "network-scan-type";
    /// <summary>Arguments: max (MB): the workbook is larger than the import takes.</summary>
    public const string ImportTooLarge = "network-import-too-large";
    /// <summary>No arguments: the file is not an Excel workbook (.xlsx).</summary>
    public const string ImportUnreadable = "network-import-unreadable";
    /// <summary>No arguments: none of the sheets has a row to import.</summary>
    public const string ImportEmpty = "network-import-empty";
    /// <summary>Arguments: sheet, column: a column the sheet must have is missing.</summary>
    public const string ImportColumnMissing = "network-import-column-missing";
    /// <summary>Arguments: key, row: the same key already appears on an earlier row of the file.</summary>
    public const string ImportDuplicate = "network-import-duplicate";
    /// <summary>Arguments: max: more rows than one import takes.</summary>
    public const string ImportTooManyRows = "network-import-too-many-rows";
}
