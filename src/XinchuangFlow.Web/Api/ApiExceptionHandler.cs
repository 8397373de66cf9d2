using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using XinchuangFlow.Web.Components;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Web.Api;

/// <summary>
/// Turns application and engine exceptions into problem responses: <c>title</c> is a short text in the request's
/// language (Chinese by default, English with <c>?culture=en</c> or the culture cookie),
/// <c>detail</c> the specific reason and <c>errors</c> the problems by field, both in that language too (<see cref="Components.ProblemText"/>),
/// <c>code</c> a stable key for clients.
/// Nothing else leaks.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> texts, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, titleKey, code, extra) = exception switch
        {
            XfException e => (StatusOf(e.Kind), TitleKey(e), e.Code, e.Kind == ProblemKind.Invalid ? Errors(e) : null),
            BadHttpRequestException e => (e.StatusCode, "Problem.Invalid", "bad-request", null),
            // Text with an unpaired surrogate ("\ud800" in JSON) is read but can be neither written back as JSON nor encoded
            // for the database: the request is invalid, not the server broken.
            System.Text.EncoderFallbackException => (400, "Problem.Invalid", "invalid-text", null),
            InvalidOperationException { Source: "System.Text.Json" } e when e.Message.Contains("UTF-16", StringComparison.Ordinal) => (400, "Problem.Invalid", "invalid-text", null),
            _ => (0, "", "", (object?)null),
        };
        if (status == 0) return false;
        log.LogInformation("Request {Path} answered {Status}: {Message}", http.Request.Path, status, exception.Message);
        http.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Title = texts[titleKey], Detail = exception is XfException refusal ? refusal.Text() : exception.Message };
        if (extra is not null) details.Extensions["errors"] = extra;
        details.Extensions["code"] = code;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    public static int StatusOf(ProblemKind kind) => kind switch
    {
        ProblemKind.Invalid => 400, ProblemKind.Forbidden => 403, ProblemKind.NotFound => 404, ProblemKind.Conflict => 409, ProblemKind.Unprocessable => 422,
        _ => 500,
    };

    /// <summary>The short title in the caller's language: by the code where it has a title of its own, else by the kind.</summary>
    private static string TitleKey(XfException e) => e.Code switch
    {
        "definition-invalid" or "definition-format" => "Problem.DefinitionInvalid",
        "idempotency-key-reused" => "Problem.IdempotencyKeyReused",
        "already-completed" => "Problem.AlreadyCompleted",
        "claimed" => "Problem.TaskClaimed",
        _ => e.Kind switch
        {
            ProblemKind.Invalid => "Problem.Invalid", ProblemKind.Forbidden => "Problem.Forbidden", ProblemKind.NotFound => "Problem.NotFound",
            _ => "Problem.Conflict",
        },
    };

    /// <summary>
    /// The problems of an invalid request, in the request's language: texts by field when they name fields (a form shows
    /// each beside its field), a list of texts when none does; a definition's findings as objects with their code and
    /// arguments, each on its activity (the designer marks them).
    /// </summary>
    private static object Errors(XfException e)
    {
        if (e is DefinitionInvalidException or DefinitionFormatException && e.Problems.Any(p => p.Code != e.Code || p.Args is not null))
            return e.Problems.Select(p =>
            {
                var o = new System.Text.Json.Nodes.JsonObject { ["code"] = p.Code, ["message"] = p.Text() };
                if (p.Field is not null) o["field"] = p.Field;
                foreach (var (name, value) in p.Args ?? new Dictionary<string, object?>())
                    o[name] = System.Text.Json.JsonSerializer.SerializeToNode(value);
                return o;
            }).ToList();
        return e.Problems.Any(p => p.Field is not null)
            ? e.Problems.GroupBy(p => p.Field ?? "").ToDictionary(g => g.Key, g => g.Select(p => p.Text()).ToArray())
            : e.Problems.Select(p => p.Text()).ToList();
    }
}
