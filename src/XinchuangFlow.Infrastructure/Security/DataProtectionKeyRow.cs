namespace XinchuangFlow.Infrastructure.Security;

/// <summary>A data-protection key as stored in the database (encrypted with SM4 before it gets there).</summary>
public sealed class DataProtectionKeyRow
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}
