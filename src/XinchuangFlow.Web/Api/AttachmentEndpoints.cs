using System.Security.Claims;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>A ticket's files.</summary>
public static class AttachmentEndpoints
{
    public static RouteGroupBuilder MapAttachments(this RouteGroupBuilder api)
    {
        api.MapGet("/tickets/{idOrNumber}/attachments", async (string idOrNumber, ClaimsPrincipal user, AttachmentService files, CancellationToken ct) =>
            Results.Ok(await files.ListAsync(user.ToActor(), idOrNumber, ct)));
        api.MapPost("/tickets/{idOrNumber}/attachments", async (string idOrNumber, HttpRequest request, ClaimsPrincipal user, AttachmentService files, CancellationToken ct) =>
        {
            // One file per request, as the raw body; its name in X-File-Name (URL-encoded).
            var name = Uri.UnescapeDataString(request.Headers["X-File-Name"].ToString());
            var info = await files.UploadAsync(user.ToActor(), idOrNumber, name, request.Body, ct);
            return Results.Ok(info);
        }).WithSummary("Adds a file (raw body, name in X-File-Name): PNG, JPEG, GIF, WebP, PDF or UTF-8 text, checked by content; the same file again returns the first.");
        api.MapGet("/tickets/{idOrNumber}/attachments/{id:guid}", async (string idOrNumber, Guid id, ClaimsPrincipal user, AttachmentService files, HttpResponse response, CancellationToken ct) =>
        {
            return Serve(await files.GetAsync(user.ToActor(), idOrNumber, id, ct), response);
        }).WithSummary("A file of the ticket: images inline, others as a download.");
        return api;
    }

    /// <summary>A stored file as the browser gets it: images inline, others as a download; never sniffed, never run.</summary>
    public static IResult Serve(XinchuangFlow.Domain.Tickets.Attachment file, HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return file.IsImage ? Results.File(file.Content, file.ContentType) : Results.File(file.Content, file.ContentType, file.FileName);
    }
}
