using System.Text.Json;
using System.Text.Json.Serialization;
using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Tickets;

/// <summary>The three SLA clocks of a ticket (SLA-1), stored together with the ticket.</summary>
public sealed class TicketClocks
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public SlaClock Response { get; set; } = new() { Kind = ClockKind.Response };
    public SlaClock OnSite { get; set; } = new() { Kind = ClockKind.OnSite };
    public SlaClock Resolution { get; set; } = new() { Kind = ClockKind.Resolution };

    public SlaClock this[ClockKind kind] => kind switch
    {
        ClockKind.Response => Response,
        ClockKind.OnSite => OnSite,
        _ => Resolution,
    };

    public IEnumerable<SlaClock> All => [Response, OnSite, Resolution];

    /// <summary>Replaces a clock with a fresh, not started one.</summary>
    public void Replace(ClockKind kind)
    {
        switch (kind)
        {
            case ClockKind.Response: Response = new SlaClock { Kind = kind }; break;
            case ClockKind.OnSite: OnSite = new SlaClock { Kind = kind }; break;
            default: Resolution = new SlaClock { Kind = kind }; break;
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this, Json);
    public static TicketClocks Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? new TicketClocks() : JsonSerializer.Deserialize<TicketClocks>(json, Json) ?? new TicketClocks();

    /// <summary>Clock names as they appear in definitions and the API.</summary>
    public static ClockKind Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "response" => ClockKind.Response,
        "onsite" or "on-site" => ClockKind.OnSite,
        "resolution" => ClockKind.Resolution,
        _ => throw new ArgumentException($"'{name}' is not a clock (response, onsite, resolution)."),
    };

    public static string Name(ClockKind kind) => kind switch { ClockKind.Response => "response", ClockKind.OnSite => "onsite", _ => "resolution" };
    public static string NameZh(ClockKind kind) => kind switch { ClockKind.Response => "响应", ClockKind.OnSite => "到场", _ => "解决" };
}
