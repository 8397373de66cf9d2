using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Hosting;

/// <summary>Every audit line written while serving the request says where it came from.</summary>
public sealed class CallOriginMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        using (CallOrigin.Use(CircuitOriginHandler.Of(http.Connection.RemoteIpAddress))) await next(http);
    }
}
