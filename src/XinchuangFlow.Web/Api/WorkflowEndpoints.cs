using System.Security.Claims;
using System.Text;
using System.Xml;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Application.Workflows;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>REST API of the engine: definitions, instances, tasks, activity descriptors — thin adapters over the application services.</summary>
public static class WorkflowEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        api.MapGet("/activity-descriptors", (ActivityRegistry registry) => registry.Descriptors)
            .WithTags("Activities").WithSummary("Every activity type with its inputs, outcomes and names (zh/en).");

        var defs = api.MapGroup("/workflow-definitions").WithTags("Definitions");
        defs.MapPost("/", async (HttpRequest request, bool? publish, DefinitionAppService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var record = await service.SaveAsync(user.ToActor(), await reader.ReadToEndAsync(ct), publish == true, "api", ct);
            return Results.Created($"/api/workflow-definitions/{record.DefinitionId}", DefinitionSummary.From(record));
        }).Accepts<Engine.Definitions.WorkflowDefinitionModel>("application/json")
            .WithSummary("Saves a definition as the draft of its next version; ?publish=true publishes it too.");
        defs.MapPost("/{definitionId}/publish", async (string definitionId, DefinitionAppService service, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(DefinitionSummary.From(await service.PublishAsync(user.ToActor(), definitionId, null, ct))));
        defs.MapPost("/{definitionId}/versions/{version:int}/retire", async (string definitionId, int version, DefinitionAppService service, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(DefinitionSummary.From(await service.RetireAsync(user.ToActor(), definitionId, version, null, ct))));
        defs.MapGet("/", async (DefinitionAppService service, ClaimsPrincipal user, CancellationToken ct) =>
            (await service.ListAsync(user.ToActor(), null, ct)).Select(DefinitionSummary.From));
        defs.MapGet("/{definitionId}", async (string definitionId, int? version, DefinitionAppService service, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Text((await service.GetAsync(user.ToActor(), definitionId, version, ct)).Json, "application/json", Encoding.UTF8))
            .WithSummary("The definition JSON (latest version, or ?version=n).");
        defs.MapGet("/{definitionId}/versions", async (string definitionId, DefinitionAppService service, ClaimsPrincipal user, CancellationToken ct) =>
            (await service.ListAsync(user.ToActor(), definitionId, ct)).Select(DefinitionSummary.From));
        defs.MapPut("/{definitionId}/draft", async (string definitionId, SaveDraftRequest body, DefinitionAppService service, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(DefinitionSummary.From(await service.SaveDraftAsync(user.ToActor(), definitionId, body.Definition is { } d ? DefinitionJson.Text(d) : "{}", body.BaseVersion, body.BaseHash, body.Comment, ct))))
            .WithSummary("Saves work in progress as the draft (problems allowed; publishing refuses them); 409 when someone saved since baseVersion/baseHash.");
        defs.MapPost("/{definitionId}/rollback", async (string definitionId, RollBackRequest body, DefinitionAppService service, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(DefinitionSummary.From(await service.RollBackAsync(user.ToActor(), definitionId, body.ToVersion, body.Comment, ct))))
            .WithSummary("A new draft with the content of an old version.");
        defs.MapGet("/{definitionId}/diff", async (string definitionId, int from, int to, DefinitionAppService service, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(await service.DiffAsync(user.ToActor(), definitionId, from, to, ct)))
            .WithSummary("What changed between two versions: activities, inputs, connections, variables.");
        defs.MapGet("/{definitionId}/history", async (string definitionId, DefinitionAppService service, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok((await service.HistoryAsync(user.ToActor(), definitionId, ct)).Select(a => new { a.At, a.User, a.Action, a.Version, a.Comment })))
            .WithSummary("The audit log of the definition: who saved, published, retired or rolled back what, when and why.");

        var inst = api.MapGroup("/workflow-instances").WithTags("Instances");
        inst.MapPost("/", async (StartInstanceRequest body, ClaimsPrincipal user, InstanceService instances, CancellationToken ct) =>
        {
            var instance = await instances.StartAsync(user.ToActor(), body.DefinitionId, body.Input, body.Version, body.CorrelationId, ct);
            return Results.Created($"/api/workflow-instances/{instance.Id}", Created(instance));
        }).WithSummary("Starts a definition, when its start permission allows the caller (403 otherwise; case flows start only through their own endpoints).");
        inst.MapGet("/", async (string? definitionId, WorkflowStatus? status, int? skip, int? take, ClaimsPrincipal user, InstanceService instances, CancellationToken ct) =>
        {
            var (items, total) = await instances.ListAsync(user.ToActor(), definitionId, status, skip, take, ct);
            return Results.Ok(new { total, items });
        }).WithSummary("Instances the caller may see; skip ≥ 0, take 1–200 (400 otherwise).");
        inst.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, InstanceService instances, CancellationToken ct) =>
        {
            var d = await instances.GetAsync(user.ToActor(), id, ct);
            var i = d.Instance;
            return Results.Ok(new InstanceDto(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status.ToString(), i.CorrelationId, i.Variables,
                i.Bookmarks.Select(b => new BookmarkDto(b.Id, b.ActivityId, b.Kind.ToString(), b.Key)).ToList(),
                d.Tasks.Select(TaskDto.From).ToList(),
                d.Incidents.Select(x => new IncidentDto(x.Id, x.ActivityId, x.ActivityType, x.Message, x.CreatedAt, x.ResolvedAt, x.Resolution)).ToList(),
                d.Journal.Select(j => new JournalDto(j.Sequence, j.Kind.ToString(), j.ActivityId, j.ActivityType, j.Outcome, j.User, j.Data, j.StartedAt, j.EndedAt)).ToList(),
                i.CreatedAt, i.UpdatedAt, i.FinishedAt));
        });
        inst.MapPost("/{id:guid}/retry", async (Guid id, ClaimsPrincipal user, InstanceService instances, CancellationToken ct) =>
            Created(await instances.RetryAsync(user.ToActor(), id, ct)));
        inst.MapPost("/{id:guid}/cancel", async (Guid id, ClaimsPrincipal user, InstanceService instances, CancellationToken ct) =>
            Created(await instances.CancelAsync(user.ToActor(), id, ct)))
            .WithSummary("Cancels the instance, its open tasks and the sub-workflows it waits for, in one transaction.");
        inst.MapPost("/{id:guid}/migrate", async (Guid id, MigrateRequest body, ClaimsPrincipal user, InstanceService instances, CancellationToken ct) =>
            Created(await instances.MigrateAsync(user.ToActor(), id, body.ToVersion, ct)));
        inst.MapPost("/{id:guid}/signals/{name}", SendSignal)
            .WithSummary("Resumes the instance's waits for the signal; ?keepFor=PT1H keeps it for a wait that comes later (persistent signal).");

        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", async ([AsParameters] TaskFilter filter, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
        {
            var (items, total) = await service.ListAsync(user.ToActor(), filter, ct);
            return Results.Ok(new { total, items = items.Select(TaskDto.From) });
        }).WithSummary("Tasks the caller may work on: assigned to them, or offered to their role on a case in their scope.");
        tasks.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
            Results.Ok(TaskDto.From(await service.GetAsync(user.ToActor(), id, ct))));
        tasks.MapPost("/{id:guid}/complete", async (Guid id, CompleteTaskRequest body, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
            Results.Ok(Created(await service.CompleteAsync(user.ToActor(), id, body.Outcome, body.Data, ct))))
            .WithSummary("Completes a task with an outcome key and form data; 409 when someone completed it first.");
        tasks.MapPost("/{id:guid}/withdraw", async (Guid id, WithdrawTaskRequest body, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
            Results.Ok(Created(await service.WithdrawAsync(user.ToActor(), id, body.Reason, ct))))
            .WithSummary("An administrator withdraws an open task with a reason; the flow continues on the task's 'withdrawn' port.");
        tasks.MapPost("/{id:guid}/claim", async (Guid id, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
            Results.Ok(TaskDto.From(await service.ClaimAsync(user.ToActor(), id, ct))))
            .WithSummary("Takes a team task so nobody else works it; again by the holder changes nothing; 409 when someone else holds it.");
        tasks.MapPost("/{id:guid}/release", async (Guid id, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
            Results.Ok(TaskDto.From(await service.ReleaseAsync(user.ToActor(), id, ct))))
            .WithSummary("Gives a claimed task back to the team (its holder, or a team lead).");
        tasks.MapPost("/{id:guid}/reassign", async (Guid id, ReassignTaskRequest body, ClaimsPrincipal user, TaskService service, CancellationToken ct) =>
            Results.Ok(TaskDto.From(await service.ReassignAsync(user.ToActor(), id, body.ToUser, body.Reason, ct))))
            .WithSummary("Hands a task to another member of the team with a reason; they must be able to work it.");

        api.MapGet("/inbox", async ([AsParameters] InboxQuery query, ClaimsPrincipal user, InboxService inbox, CancellationToken ct) =>
        {
            var (items, total) = await inbox.ListAsync(user.ToActor(), query, ct);
            return Results.Ok(new { total, items });
        }).WithTags("Tasks").WithSummary("One page of an inbox view (Mine, Team, Overdue, All) with filters, soonest deadline first.");
        api.MapGet("/inbox/counts", async (ClaimsPrincipal user, InboxService inbox, CancellationToken ct) =>
            Results.Ok(await inbox.CountsAsync(user.ToActor(), ct))).WithTags("Tasks");
        return app;
    }

    private static InstanceCreated Created(WorkflowInstance i) => new(i.Id, i.Status.ToString(), i.DefinitionId, i.DefinitionVersion);

    private static async Task<IResult> SendSignal(Guid id, string name, string? keepFor, HttpRequest request, ClaimsPrincipal user, InstanceService instances, CancellationToken ct)
    {
        System.Text.Json.Nodes.JsonNode? payload = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try { payload = await System.Text.Json.Nodes.JsonNode.ParseAsync(request.Body, cancellationToken: ct); }
            catch (System.Text.Json.JsonException ex) { throw new InvalidInputException(Problem.Of(EngineProblems.SignalPayloadJson, "payload", $"The signal payload is not valid JSON: {ex.Message}")); }
        }
        TimeSpan? keep = null;
        if (keepFor is { Length: > 0 })
        {
            try { keep = XmlConvert.ToTimeSpan(keepFor.ToUpperInvariant()); }
            catch (Exception ex) when (ex is FormatException or OverflowException) { throw new InvalidInputException(Problem.Of(EngineProblems.DurationFormat, "keepFor", $"'{keepFor}' is not an ISO 8601 duration such as PT1H.", ("value", keepFor))); }
        }
        var result = await instances.SignalAsync(user.ToActor(), id, name, payload, keep, ct);
        return Results.Ok(new { resumed = result.Resumed, kept = result.Kept, keptUntil = result.KeptUntil });
    }
}
