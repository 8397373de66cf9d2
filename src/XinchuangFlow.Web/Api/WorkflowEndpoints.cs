using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>REST API of the engine (issue 2): definitions, instances, tasks, activity descriptors.</summary>
public static class WorkflowEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        api.MapGet("/activity-descriptors", (ActivityRegistry registry) => registry.Descriptors)
            .WithTags("Activities").WithSummary("Every activity type with its inputs, outcomes and names (zh/en).");

        var defs = api.MapGroup("/workflow-definitions").WithTags("Definitions").RequireAuthorization(Roles.WorkflowAdminPolicy);
        defs.MapPost("/", CreateDefinition).Accepts<WorkflowDefinitionModel>("application/json")
            .WithSummary("Saves a definition as the draft of its next version; ?publish=true publishes it too.");
        defs.MapPost("/{definitionId}/publish", async (string definitionId, DefinitionService service, CancellationToken ct) =>
            TypedResults.Ok(DefinitionSummary.From(await service.PublishAsync(definitionId, ct))));
        defs.MapPost("/{definitionId}/versions/{version:int}/retire", async (string definitionId, int version, DefinitionService service, CancellationToken ct) =>
            TypedResults.Ok(DefinitionSummary.From(await service.RetireAsync(definitionId, version, ct))));
        defs.MapGet("/", async (IWorkflowStore store, CancellationToken ct) =>
            (await store.ListDefinitionVersionsAsync(null, ct)).Select(DefinitionSummary.From));
        defs.MapGet("/{definitionId}", ExportDefinition).WithSummary("The definition JSON (latest version, or ?version=n).");
        defs.MapGet("/{definitionId}/versions", async (string definitionId, IWorkflowStore store, CancellationToken ct) =>
            (await store.ListDefinitionVersionsAsync(definitionId, ct)).Select(DefinitionSummary.From));

        var inst = api.MapGroup("/workflow-instances").WithTags("Instances");
        inst.MapPost("/", StartInstance);
        inst.MapGet("/", async (string? definitionId, WorkflowStatus? status, int? skip, int? take, IWorkflowStore store, CancellationToken ct) =>
            await store.ListInstancesAsync(new InstanceQuery(definitionId, status, skip ?? 0, take ?? 100), ct))
            .RequireAuthorization(Roles.WorkflowAdminPolicy);
        inst.MapGet("/{id:guid}", GetInstance);
        inst.MapPost("/{id:guid}/retry", async (Guid id, ClaimsPrincipal user, WorkflowRuntime rt, CancellationToken ct) =>
            Created(await rt.RetryAsync(id, user.Identity?.Name, ct))).RequireAuthorization(Roles.WorkflowAdminPolicy);
        inst.MapPost("/{id:guid}/cancel", async (Guid id, ClaimsPrincipal user, WorkflowRuntime rt, CancellationToken ct) =>
            Created(await rt.CancelAsync(id, user.Identity?.Name, ct))).RequireAuthorization(Roles.WorkflowAdminPolicy);
        inst.MapPost("/{id:guid}/migrate", async (Guid id, MigrateRequest body, ClaimsPrincipal user, WorkflowRuntime rt, CancellationToken ct) =>
            Created(await rt.MigrateAsync(id, body.ToVersion, user.Identity?.Name, ct))).RequireAuthorization(Roles.WorkflowAdminPolicy);
        inst.MapPost("/{id:guid}/signals/{name}", SendSignal).RequireAuthorization(Roles.WorkflowAdminPolicy);

        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", ListTasks);
        tasks.MapGet("/{id:guid}", GetTask);
        tasks.MapPost("/{id:guid}/complete", CompleteTask);
        return app;
    }

    private static InstanceCreated Created(WorkflowInstance i) => new(i.Id, i.Status.ToString(), i.DefinitionId, i.DefinitionVersion);

    private static async Task<Results<Created<DefinitionSummary>, BadRequest<string>>> CreateDefinition(
        HttpRequest request, bool? publish, DefinitionService service, ClaimsPrincipal user, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(ct);
        var model = DefinitionJson.Parse(json);
        var record = await service.SaveDraftAsync(model, user.Identity?.Name, "api", ct);
        if (publish == true) record = await service.PublishAsync(record.DefinitionId, ct);
        return TypedResults.Created($"/api/workflow-definitions/{record.DefinitionId}", DefinitionSummary.From(record));
    }

    private static async Task<IResult> ExportDefinition(string definitionId, int? version, IWorkflowStore store, CancellationToken ct)
    {
        var record = version is { } v ? await store.FindDefinitionAsync(definitionId, v, ct) : await store.FindLatestAsync(definitionId, ct);
        if (record is null) throw new WorkflowNotFoundException($"Workflow definition '{definitionId}' does not exist.");
        return Results.Text(record.Json, "application/json", Encoding.UTF8);
    }

    private static async Task<Created<InstanceCreated>> StartInstance(StartInstanceRequest body, ClaimsPrincipal user, WorkflowRuntime rt, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.DefinitionId)) throw new WorkflowInputException("definitionId is required.");
        var instance = await rt.StartAsync(new StartRequest(body.DefinitionId, body.Input, body.Version, body.CorrelationId, user.Identity?.Name), ct);
        return TypedResults.Created($"/api/workflow-instances/{instance.Id}", Created(instance));
    }

    private static async Task<IResult> GetInstance(Guid id, ClaimsPrincipal user, IWorkflowStore store, ILoggerFactory logs, CancellationToken ct)
    {
        var i = await store.LoadInstanceAsync(id, ct) ?? throw new WorkflowNotFoundException($"Instance {id} does not exist.");
        if (!IsAdmin(user) && i.CreatedBy != user.Identity?.Name)
        {
            logs.CreateLogger("Scope").LogWarning("User {User} was refused instance {InstanceId}", user.Identity?.Name, id);
            // Not found rather than forbidden: the caller may not learn that the instance exists.
            return Results.NotFound();
        }
        var tasks = await store.ListTasksAsync(new TaskQuery(InstanceId: id, Take: 1000), ct);
        var incidents = await store.GetIncidentsAsync(id, ct);
        var journal = await store.GetJournalAsync(id, ct);
        return Results.Ok(new InstanceDto(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status.ToString(), i.CorrelationId, i.Variables,
            i.Bookmarks.Select(b => new BookmarkDto(b.Id, b.ActivityId, b.Kind.ToString(), b.Key)).ToList(),
            tasks.Select(TaskDto.From).ToList(),
            incidents.Select(x => new IncidentDto(x.Id, x.ActivityId, x.ActivityType, x.Message, x.CreatedAt, x.ResolvedAt, x.Resolution)).ToList(),
            journal.Select(j => new JournalDto(j.Sequence, j.Kind.ToString(), j.ActivityId, j.ActivityType, j.Outcome, j.User, j.Data, j.StartedAt, j.EndedAt)).ToList(),
            i.CreatedAt, i.UpdatedAt, i.FinishedAt));
    }

    private static async Task<IResult> SendSignal(Guid id, string name, HttpRequest request, ClaimsPrincipal user, WorkflowRuntime rt, CancellationToken ct)
    {
        System.Text.Json.Nodes.JsonNode? payload = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try { payload = await System.Text.Json.Nodes.JsonNode.ParseAsync(request.Body, cancellationToken: ct); }
            catch (System.Text.Json.JsonException ex) { throw new WorkflowInputException($"The signal payload is not valid JSON: {ex.Message}"); }
        }
        var resumed = await rt.SignalAsync(name, id, payload, user.Identity?.Name, ct);
        return Results.Ok(new { resumed });
    }

    private static async Task<IResult> ListTasks(string? assignee, string? role, Guid? instanceId, HumanTaskStatus? status, int? skip, int? take,
        ClaimsPrincipal user, IWorkflowStore store, CancellationToken ct)
    {
        TaskQuery query;
        if (IsAdmin(user))
            query = new TaskQuery(assignee, role is null ? null : [role], instanceId, status, skip ?? 0, take ?? 100);
        else
        {
            var me = user.Identity?.Name;
            var myRoles = Roles.All.Where(user.IsInRole).ToList();
            if ((assignee is not null && assignee != me) || (role is not null && !myRoles.Contains(role)))
                return Results.Forbid();
            query = new TaskQuery(me, role is null ? myRoles : [role], instanceId, status, skip ?? 0, take ?? 100);
        }
        return Results.Ok((await store.ListTasksAsync(query, ct)).Select(TaskDto.From));
    }

    private static async Task<IResult> GetTask(Guid id, ClaimsPrincipal user, IWorkflowStore store, CancellationToken ct)
    {
        var task = await store.FindTaskAsync(id, ct);
        if (task is null || !MayWorkOn(user, task)) return Results.NotFound();
        return Results.Ok(TaskDto.From(task));
    }

    private static async Task<IResult> CompleteTask(Guid id, CompleteTaskRequest body, ClaimsPrincipal user, IWorkflowStore store,
        WorkflowRuntime rt, ILoggerFactory logs, CancellationToken ct)
    {
        var task = await store.FindTaskAsync(id, ct) ?? throw new WorkflowNotFoundException($"Task {id} does not exist.");
        if (!MayWorkOn(user, task))
        {
            logs.CreateLogger("Scope").LogWarning("User {User} tried to complete task {TaskId} outside their scope", user.Identity?.Name, id);
            return Results.Forbid();
        }
        if (string.IsNullOrWhiteSpace(body.Outcome)) throw new WorkflowInputException("outcome is required.");
        var instance = await rt.CompleteTaskAsync(id, body.Outcome, body.Data, user.Identity?.Name, ct);
        return Results.Ok(Created(instance));
    }

    private static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(Roles.DataBureauAdmin);

    private static bool MayWorkOn(ClaimsPrincipal user, HumanTask task) =>
        IsAdmin(user)
        || (task.AssigneeUser is not null && task.AssigneeUser == user.Identity?.Name)
        || (task.AssigneeRole is not null && user.IsInRole(task.AssigneeRole));
}
