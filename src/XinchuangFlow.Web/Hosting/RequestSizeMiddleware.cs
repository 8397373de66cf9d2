using Microsoft.AspNetCore.Http.Features;
using XinchuangFlow.Application.Tickets;

namespace XinchuangFlow.Web.Hosting;

/// <summary>
/// The request body limit (Limits:MaxRequestBodyBytes), except that an attachment upload may be as large as a file may
/// be (the attachment service stops reading past that) and a network workbook twice its limit on the wire. An upload that
/// says it is larger than its file may be gets the service's own coded refusal (the file's limit in MB, in the caller's
/// language, through the exception handler) before anything is read; any other body too large a bare 413.
/// </summary>
public sealed class RequestSizeMiddleware(RequestDelegate next, IConfiguration config, AttachmentOptions attachments)
{
    private readonly long _maxBody = config.GetValue<long>("Limits:MaxRequestBodyBytes", 1_048_576);

    public async Task InvokeAsync(HttpContext http)
    {
        var limit = _maxBody;
        Func<Exception>? refusal = null;
        if (IsAttachmentUpload(http.Request))
        {
            limit = attachments.MaxBytes;
            refusal = () => AttachmentService.TooLarge(attachments.MaxBytes);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = attachments.MaxBytes + 1;
        }
        else if (IsNetworkImport(http.Request))
        {
            // The body is the workbook: one that says it is larger is refused as the import refuses it. On the wire twice the
            // limit, so a body of unknown length somewhat too large still reaches the import's own refusal (it stops reading past the limit).
            limit = Application.Network.NetworkExcelService.MaxImportBytes;
            refusal = Application.Network.NetworkExcelService.TooLarge;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = 2 * limit + 1;
        }
        // Kestrel enforces the limit on the wire; this also covers hosts without Kestrel and answers early.
        if (http.Request.ContentLength > limit)
        {
            if (refusal is not null) throw refusal();
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.Response.WriteAsJsonAsync(new { title = $"The request body is larger than {limit} bytes." });
            return;
        }
        await next(http);
    }

    /// <summary><c>POST /api/tickets/{idOrNumber}/attachments</c>, or a certificate's scan <c>POST /api/enterprises/{id}/certificates/{number}/scan</c>.</summary>
    private static bool IsAttachmentUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (request.Path.Value?.EndsWith("/attachments", StringComparison.Ordinal) == true && request.Path.StartsWithSegments("/api/tickets")
                                               || request.Path.Value?.EndsWith("/scan", StringComparison.Ordinal) == true && request.Path.StartsWithSegments("/api/enterprises"));

    /// <summary><c>POST /api/enterprises/{id}/network.xlsx</c>: an Excel import of the service network.</summary>
    private static bool IsNetworkImport(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api/enterprises") && request.Path.Value?.EndsWith("/network.xlsx", StringComparison.Ordinal) == true;
}
