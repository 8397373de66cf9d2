using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Web.Api;

/// <summary>Turns engine exceptions into problem responses with a clear message; nothing else leaks.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, extra) = exception switch
        {
            DefinitionInvalidException e => (400, "The workflow definition is invalid.", (object)e.Problems.Select(p => new { p.Code, p.ActivityId, p.Message })),
            DefinitionFormatException e => (400, e.Message, null),
            WorkflowInputException { FieldErrors.Count: > 0 } e => (400, "The request is invalid.", (object)e.FieldErrors),
            WorkflowInputException e => (400, "The request is invalid.", e.Errors),
            XinchuangFlow.Application.CaseValidationException e => (400, "The request is invalid.", (object)e.Errors),
            XinchuangFlow.Application.AccessDeniedException e => (403, e.Message, null),
            WorkflowForbiddenException e => (403, e.Message, null),
            XinchuangFlow.Application.IdempotencyKeyReusedException e => (422, e.Message, null),
            WorkflowNotFoundException e => (404, e.Message, null),
            TaskAlreadyCompletedException e => (409, e.Message, null),
            WorkflowStateException e => (409, e.Message, null),
            ConcurrencyConflictException e => (409, e.Message, null),
            BadHttpRequestException e => (e.StatusCode, e.Message, null),
            _ => (0, "", null),
        };
        if (status == 0) return false;
        log.LogInformation("Request {Path} answered {Status}: {Message}", http.Request.Path, status, exception.Message);
        http.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Title = title, Detail = exception is DefinitionInvalidException ? exception.Message : null };
        if (extra is not null) details.Extensions["errors"] = extra;
        if (exception is TaskAlreadyCompletedException) details.Extensions["code"] = "already-completed";
        if (exception is XinchuangFlow.Application.IdempotencyKeyReusedException) details.Extensions["code"] = "idempotency-key-reused";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }
}
