using System.Security.Claims;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>Dispatching by hand (DSP-2, DSP-3): who may take a ticket, in the planner's order, and why the others may not.</summary>
public static class DispatchEndpoints
{
    public static RouteGroupBuilder MapDispatch(this RouteGroupBuilder api)
    {
        api.MapGet("/tickets/{idOrNumber}/dispatch-candidates", async (string idOrNumber, ClaimsPrincipal user, DispatchCandidateService candidates, CancellationToken ct) =>
                Results.Ok(await candidates.ForTicketAsync(user.ToActor(), idOrNumber, ct)))
            .WithSummary("The technicians an agent may choose for the ticket as it is now: the qualified in the dispatch planner's order (rank 1 is automatic "
                         + "dispatch's choice) with proximity and open workload, and the nearest disqualified with the reason; totals count the rest.");
        return api;
    }
}
