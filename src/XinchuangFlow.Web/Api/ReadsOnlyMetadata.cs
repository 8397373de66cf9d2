namespace XinchuangFlow.Web.Api;

/// <summary>
/// Marks a POST that changes nothing (a what-if replay, the audit chain's verification): read-only roles may call it.
/// The OpenAPI document says so with <c>x-xf-reads-only</c>, which the read-only test of every write operation reads.
/// </summary>
public sealed class ReadsOnlyMetadata
{
    public static readonly ReadsOnlyMetadata Instance = new();
}
