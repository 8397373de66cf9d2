namespace XinchuangFlow.Domain.Network;

/// <summary>持证上岗: a certificate for one product category, valid between two dates (inclusive).</summary>
public sealed record Certificate(Guid TechnicianId, string ProductCategory, DateOnly ValidFrom, DateOnly ValidUntil)
{
    public bool ValidOn(DateOnly day) => day >= ValidFrom && day <= ValidUntil;

    /// <summary>The number printed on the certificate (unique; what imports match on). Certificates recorded before numbers were kept have none.</summary>
    public string? Number { get; init; }
    /// <summary>The scanned certificate (an attachment filed under the technician), when one was uploaded.</summary>
    public Guid? ScanId { get; init; }

    /// <summary>Days a certificate may have left before the screens warn that it runs out (NET-3).</summary>
    public const int ExpiryWarningDays = 30;

    /// <summary>Expired (no dispatch from that day), expiring within <see cref="ExpiryWarningDays"/>, or fine.</summary>
    public CertificateState StateOn(DateOnly day) =>
        day > ValidUntil ? CertificateState.Expired
        : day < ValidFrom ? CertificateState.NotYetValid
        : ValidUntil.DayNumber - day.DayNumber <= ExpiryWarningDays ? CertificateState.ExpiringSoon
        : CertificateState.Valid;
}

/// <summary>What a certificate means for dispatch on a day.</summary>
public enum CertificateState { Valid, ExpiringSoon, Expired, NotYetValid }
