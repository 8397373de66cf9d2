using System.Security.Claims;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>Supervision notices (督办, ASM-7) over HTTP. Thin: the supervision service decides who may and what is seen.</summary>
public static class SupervisionEndpoints
{
    /// <summary>A notice to issue: a ticket (by number) or an enterprise, the reason, the deadline; target (ticket, enterprise) when the client asks which.</summary>
    public sealed record SupervisionBody(string? TicketNumber, Guid? EnterpriseId, string? Reason, DateTimeOffset? Deadline, string? Target = null);

    /// <summary>The issuer's review of the answer: outcome accept or return, and the comment (required to return).</summary>
    public sealed record ReviewBody(string? Outcome, string? Comment);

    public static IEndpointRouteBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/supervision").RequireAuthorization().WithTags("Assessment");
        api.MapGet("", async (string? status, Guid? enterpriseId, string? ticket, int? skip, int? take, ClaimsPrincipal user, SupervisionService service, CancellationToken ct) =>
            {
                var (items, total) = await service.ListAsync(user.ToActor(), new SupervisionFilter(status, enterpriseId, ticket), skip ?? 0, take ?? 50, ct);
                return Results.Ok(new { items = items.Select(Shape), total });
            })
            .WithSummary("The supervision notices the caller may see, newest first (the Data Bureau and the Intranet Office: all; a coordinator: its city's; "
                         + "an enterprise's manager: its own); by status (open, escalated, answered, answered-late, returned, closed), enterprise or ticket number.");
        api.MapPost("", async (SupervisionBody body, ClaimsPrincipal user, SupervisionService service, CancellationToken ct) =>
            {
                var (notice, created) = await service.IssueAsync(user.ToActor(), new SupervisionRequest(body.TicketNumber, body.EnterpriseId, body.Reason, body.Deadline, body.Target), ct);
                return created ? Results.Created($"/api/supervision/{notice.Number}", Shape(notice)) : Results.Ok(Shape(notice));
            })
            .WithSummary("Issues a supervision notice (the Data Bureau, the Intranet Office, a municipal coordinator) on a ticket the caller can see "
                         + "(ticketNumber) or on an enterprise (enterpriseId), with the reason and a deadline 1 hour to 90 days ahead. The enterprise's "
                         + "managers get the answer task; a missed deadline escalates. The same notice sent again while unanswered returns the first (200).");
        api.MapGet("/{idOrNumber}", async (string idOrNumber, ClaimsPrincipal user, SupervisionService service, CancellationToken ct) =>
            {
                var view = await service.GetAsync(user.ToActor(), idOrNumber, ct);
                return Results.Ok(new { notice = Shape(view.Notice), history = view.History.Select(EventDto.From) });
            })
            .WithSummary("One notice with its history; one outside the caller's scope is a 404.");
        api.MapPost("/{idOrNumber}/review", async (string idOrNumber, ReviewBody body, ClaimsPrincipal user, SupervisionService service, CancellationToken ct) =>
                Results.Ok(Shape(await service.ReviewAsync(user.ToActor(), idOrNumber, body.Outcome, body.Comment, ct))))
            .WithSummary("The issuing party reviews the enterprise's answer: outcome accept (the notice is closed) or return with a comment (the enterprise "
                         + "answers again, by the deadline in force or a day after the return when less is left). Someone else is refused (403); a notice "
                         + "with no answer waiting for review is a 409.");
        return app;
    }

    private static object Shape(SupervisionNotice n) => new
    {
        id = n.Id, number = n.Number, target = n.Target, ticketNumber = n.TicketNumber, enterpriseId = n.EnterpriseId, enterpriseName = n.EnterpriseName,
        cityCode = n.CityCode, reason = n.Reason, deadline = n.Deadline, issuer = n.Issuer, issuedBy = n.IssuedBy, issuedAt = n.IssuedAt, status = n.Status,
        answer = n.Answer, answeredBy = n.AnsweredBy, answeredAt = n.AnsweredAt, escalatedAt = n.EscalatedAt, deadlineInForce = n.DeadlineInForce, late = n.Late,
        returns = n.Returns, reviewComment = n.ReviewComment, reviewedBy = n.ReviewedBy, reviewedAt = n.ReviewedAt, closedAt = n.ClosedAt, instanceId = n.InstanceId,
    };
}
