using System.Security.Cryptography;
using System.Text;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// /metrics for the configured scrapers only: a client address listed in <c>Telemetry:MetricsAllowedAddresses</c>
/// (comma-separated; loopback when unset — a Prometheus on the node itself) or a request carrying
/// <c>Authorization: Bearer</c> with <c>Telemetry:MetricsToken</c>. Everyone else gets a 404, and a log line.
/// </summary>
public sealed class MetricsGate(RequestDelegate next, IConfiguration config, ILogger<MetricsGate> log)
{
    private readonly System.Net.IPAddress[] _allowed = (config["Telemetry:MetricsAllowedAddresses"] ?? "127.0.0.1,::1")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(System.Net.IPAddress.Parse).ToArray();
    private readonly byte[]? _token = config["Telemetry:MetricsToken"] is { Length: >= 16 } t ? Encoding.UTF8.GetBytes("Bearer " + t) : null;

    public Task InvokeAsync(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is { IsIPv4MappedToIPv6: true }) address = address.MapToIPv4();
        var byAddress = address is not null && _allowed.Any(a => a.Equals(address));
        var byToken = _token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(http.Request.Headers.Authorization.ToString()), _token);
        if (byAddress || byToken) return next(http);
        log.LogWarning("Refused /metrics to {Address}: not a configured scraper", address);
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
