using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>The service mailbox (INT-3) and its triage.</summary>
public static class MailboxEndpoints
{
    public sealed record MailTicketBody(Guid? UnitId);
    public sealed record MailDismissBody(string? Reason);

    public static RouteGroupBuilder MapMailbox(this RouteGroupBuilder api)
    {
        api.MapGet("/mailbox", async ([FromQuery] string? outcome, [FromQuery] int? skip, [FromQuery] int? take, ClaimsPrincipal user,
            XinchuangFlow.Application.Mail.MailboxService mailbox, CancellationToken ct) =>
        {
            var (items, total) = await mailbox.ListAsync(user.ToActor(), outcome, skip, take, ct);
            return Results.Ok(new { total, items = items.Select(ToDto) });
        }).WithSummary("The service mailbox (INT-3): every mail received and what became of it; ?outcome=triage is the desk's queue (dispatchers, Data Bureau).");
        api.MapGet("/mailbox/{id:guid}", async (Guid id, ClaimsPrincipal user, XinchuangFlow.Application.Mail.MailboxService mailbox, CancellationToken ct) =>
            Results.Ok(ToDto(await mailbox.GetAsync(user.ToActor(), id, ct))))
            .WithSummary("One mail with its text; another integrator's mail is a 404.");
        api.MapPost("/mailbox/{id:guid}/ticket", async (Guid id, MailTicketBody body, ClaimsPrincipal user, XinchuangFlow.Application.Mail.MailboxService mailbox, CancellationToken ct) =>
            Results.Ok(ToDto(await mailbox.FileAsTicketAsync(user.ToActor(), id, body.UnitId, ct))))
            .WithSummary("Files a mail waiting for triage as a ticket of the unit named (channel email); the sender is answered with the number. 409 when it was handled meanwhile.");
        api.MapPost("/mailbox/{id:guid}/dismiss", async (Guid id, MailDismissBody body, ClaimsPrincipal user, XinchuangFlow.Application.Mail.MailboxService mailbox, CancellationToken ct) =>
            Results.Ok(ToDto(await mailbox.DismissAsync(user.ToActor(), id, body.Reason, ct))))
            .WithSummary("Sets a mail waiting for triage aside with a reason (it stays in the log).");
        return api;
    }

    private static object ToDto(XinchuangFlow.Application.Mail.MailRecord m) => new
    {
        m.Id, m.MessageId, from = m.FromAddress, m.FromName, m.Subject, m.Size, m.Outcome, m.ReasonCode, m.Reason, m.TicketNumber, m.Text,
        m.ReceivedAt, m.ResolvedBy, m.ResolvedAt,
    };
}
