using XinchuangFlow.Application.Access;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Hosting;

/// <summary>A signed-in user who opens a page their role may not see gets a page that says so, not a blank 403.</summary>
public sealed class NoAccessPageMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        await next(http);
        if (http.Response.StatusCode == StatusCodes.Status403Forbidden && !http.Response.HasStarted && HttpMethods.IsGet(http.Request.Method)
            && !http.Request.Path.StartsWithSegments("/api"))
        {
            http.RequestServices.GetRequiredService<AccessService>().PageRefused(http.User.ToActor(), http.Request.Path);
            http.Response.Redirect("/no-access");
        }
    }
}
