namespace XinchuangFlow.Application.Network;

/// <summary>An enterprise as the Data Bureau enters it: its name and kind (<c>Integrator</c> or <c>ProductVendor</c>).</summary>
public sealed record EnterpriseInput(string? Name, string? Kind);

/// <summary>
/// A service point: name, kind (<c>OwnOutlet</c>, <c>SharedResource</c>, <c>OutsourcedRepair</c>), county (code, e.g.
/// 450103), address, opening hours and phone.
/// </summary>
public sealed record ServicePointInput(string? Name, string? Kind, string? CountyCode, string? Address, string? OpeningHours, string? Phone);

/// <summary>A technician: name, login (the account they sign in with), point, capability level 1–3, categories served (codes), work phone.</summary>
public sealed record TechnicianInput(string? Name, string? UserName, Guid? ServicePointId, int? CapabilityLevel, IReadOnlyList<string>? Categories, string? Phone);

/// <summary>A certificate of a technician for one product category, valid from one day to another (inclusive); its number is its key.</summary>
public sealed record CertificateInput(Guid? TechnicianId, string? ProductCategory, DateOnly? ValidFrom, DateOnly? ValidUntil);

/// <summary>A training record: the technician, the course, the day, the hours and the result (<c>Passed</c>, <c>Failed</c>, <c>Attended</c>).</summary>
public sealed record TrainingInput(Guid? TechnicianId, string? Course, DateOnly? Day, decimal? Hours, string? Result);
