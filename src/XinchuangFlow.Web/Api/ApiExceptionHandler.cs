using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Web.Api;

/// <summary>
/// Turns application and engine exceptions into problem responses: <c>title</c> is a short text in the request's
/// language (Chinese by default, English with <c>?culture=en</c> or the culture cookie),
/// <c>detail</c> the specific reason, <c>errors</c> the problems by field, <c>code</c> a stable key for clients.
/// Nothing else leaks.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> texts, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, titleKey, code, extra) = exception switch
        {
            DefinitionInvalidException e => (400, "Problem.DefinitionInvalid", "definition-invalid", (object)e.Problems.Select(p => new { p.Code, p.ActivityId, p.Message })),
            DefinitionFormatException => (400, "Problem.DefinitionInvalid", "definition-format", null),
            WorkflowInputException { FieldErrors.Count: > 0 } e => (400, "Problem.Invalid", "invalid", (object)e.FieldErrors),
            WorkflowInputException e => (400, "Problem.Invalid", "invalid", e.Errors),
            XinchuangFlow.Application.CaseValidationException e => (400, "Problem.Invalid", "invalid", (object)e.Errors),
            XinchuangFlow.Application.AccessDeniedException => (403, "Problem.Forbidden", "forbidden", null),
            WorkflowForbiddenException => (403, "Problem.Forbidden", "forbidden", null),
            XinchuangFlow.Application.IdempotencyKeyReusedException => (422, "Problem.IdempotencyKeyReused", "idempotency-key-reused", null),
            WorkflowNotFoundException => (404, "Problem.NotFound", "not-found", null),
            TaskAlreadyCompletedException => (409, "Problem.AlreadyCompleted", "already-completed", null),
            TaskClaimedException => (409, "Problem.TaskClaimed", "claimed", null),
            DefinitionConflictException => (409, "Problem.Conflict", "definition-conflict", null),
            WorkflowStateException => (409, "Problem.Conflict", "conflict", null),
            ConcurrencyConflictException => (409, "Problem.Conflict", "conflict", null),
            BadHttpRequestException e => (e.StatusCode, "Problem.Invalid", "bad-request", null),
            // Text with an unpaired surrogate ("\ud800" in JSON) is read but can be neither written back as JSON nor encoded
            // for the database: the request is invalid, not the server broken.
            System.Text.EncoderFallbackException => (400, "Problem.Invalid", "invalid-text", null),
            InvalidOperationException { Source: "System.Text.Json" } e when e.Message.Contains("UTF-16", StringComparison.Ordinal) => (400, "Problem.Invalid", "invalid-text", null),
            _ => (0, "", "", null),
        };
        if (status == 0) return false;
        log.LogInformation("Request {Path} answered {Status}: {Message}", http.Request.Path, status, exception.Message);
        http.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Title = texts[titleKey], Detail = exception.Message };
        if (extra is not null) details.Extensions["errors"] = extra;
        details.Extensions["code"] = code;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }
}
