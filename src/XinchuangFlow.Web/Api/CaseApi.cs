namespace XinchuangFlow.Web.Api;

/// <summary>
/// Work orders, complaints and what serves them (FLOW-1/2, DSP-3, SLA, INT-2/3/4, SEC-3) over HTTP, one file a resource.
/// Thin: each endpoint turns the request into a call of an application service, which checks scope (SEC-2/5) and rules;
/// what is out of scope is answered 404.
/// </summary>
public static class CaseApi
{
    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder app)
    {
        // One group for all of them: the same prefix, the default (signed-in) policy and one tag in the OpenAPI document.
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Tickets");
        api.MapTickets();
        api.MapDispatch();
        api.MapAttachments();
        api.MapComplaints();
        api.MapHotline();
        api.MapMailbox();
        api.MapAudit();
        api.MapDeliveries();
        api.MapPlatforms();
        api.MapRules();
        return app;
    }
}
