namespace XinchuangFlow.Web.Security;

/// <summary>
/// Checks the session of each bearer token before Identity's bearer handler accepts it (the handler has no validation
/// hook of its own; this reads the token the same way, with the same protector): an ended session fails the scheme,
/// so the request is answered 401.
/// </summary>
public static class BearerSessionCheck
{
    public static async Task OnMessageReceivedAsync(Microsoft.AspNetCore.Authentication.BearerToken.MessageReceivedContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return;
        var ticket = ctx.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket is null) return;   // the handler refuses it
        if (!await ctx.HttpContext.RequestServices.GetRequiredService<SessionGuard>().IsCurrentAsync(ticket.Principal, ctx.HttpContext.RequestAborted))
            ctx.Fail("The session has ended.");
    }
}
