using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// Attributes the work of a Blazor circuit to the client's address (SEC-3 "from where"): the address is taken from the
/// HTTP request that rendered the page (passed to <c>Routes</c> in the protected component state, so the browser cannot
/// change it) and set around each event the circuit handles.
/// </summary>
public sealed class CircuitOriginHandler : CircuitHandler
{
    public string? Address { get; set; }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            using (CallOrigin.Use(Address)) await next(context);
        };

    /// <summary>The client's address as the audit trail shows it (an IPv4 client as IPv4, not as ::ffff:…).</summary>
    public static string? Of(IPAddress? address) => address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
