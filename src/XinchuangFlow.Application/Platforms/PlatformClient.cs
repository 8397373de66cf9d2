namespace XinchuangFlow.Application.Platforms;

/// <summary>Another platform's service account (INT-4): it authenticates with an API key, never a person's password.</summary>
public sealed class PlatformClient
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>
    /// The enterprise whose own service platform uses the key (it reports that enterprise's service data, DAT-2, and
    /// nothing else); null for a platform that records requests for units, like the hotline desk (INT-4).
    /// </summary>
    public Guid? EnterpriseId { get; set; }
    /// <summary>The key's public part, shown in lists and used to find the key; the secret is stored only as a hash.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>SHA-256 of the whole key, hex.</summary>
    public string KeyHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
