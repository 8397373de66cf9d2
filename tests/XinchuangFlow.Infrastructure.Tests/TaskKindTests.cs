using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Engine.Validation;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// Task kinds (issue 21 §3, FLOW-4/5, INB-1/2): a case flow that lost a part its pages need is not published; pages and
/// services find tasks by kind, so an edited flow — steps renamed, a review inserted before the unit's rating — is
/// worked by the same portal, phone and inbox queries, on SQLite and PostgreSQL.
/// </summary>
public abstract class TaskKindTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private EngineHarness _h = null!;
    protected abstract ITestDatabases Databases { get; }

    public async Task InitializeAsync()
    {
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0));
        await _h.Initializer.ImportAsync(CancellationToken.None);
        await ScenarioNetwork.CreateAsync(_h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>());
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    private async Task<WorkflowDefinitionModel> ShippedAsync(string id) => DefinitionJson.Parse((await _h.Store.FindLatestPublishedAsync(id))!.Json);

    private async Task<IReadOnlyList<ValidationProblem>> RefusedAsync(WorkflowDefinitionModel model)
    {
        // Saved as the designer saves work in progress (problems allowed); publishing refuses it.
        await _h.Definitions.SaveDraftAsync(model, "admin@test", "designer", new DraftSaveOptions(Validate: false));
        return (await Assert.ThrowsAsync<DefinitionInvalidException>(() => _h.Definitions.PublishAsync(model.DefinitionId))).Findings;
    }

    [Fact]
    public async Task ACaseFlowThatLostAPartItsPagesNeed_IsNotPublished_AndSaysWhich()
    {
        // The unit's rating is a plain task now: the portal could never find it.
        var ticket = await ShippedAsync(CaseFlows.ServiceTicket);
        ticket.Activities.Single(a => a.Id == "feedbackTask").Inputs.Remove("taskKind");
        var missing = Assert.Single(await RefusedAsync(ticket));
        Assert.Equal(("task-kind-missing", null), (missing.Code, missing.ActivityId));
        Assert.Contains(TaskKinds.Feedback, missing.Message);

        // A kind whose page outcome is gone, a kind that is no kind, a complaint's part in the ticket flow.
        ticket = await ShippedAsync(CaseFlows.ServiceTicket);
        var accept = ticket.Activities.Single(a => a.Id == "accept");
        accept.Inputs["outcomes"] = JsonNode.Parse("""[{"key":"take","name":"接单"},{"key":"return","name":"退回"}]""");
        ticket.Connections.Single(c => c.Source.Activity == "accept" && c.Source.Port == "accept").Source.Port = "take";
        ticket.Activities.Single(a => a.Id == "vendorTask").Inputs["taskKind"] = "ticket.vendorHelp";
        ticket.Activities.Single(a => a.Id == "handle").Inputs["taskKind"] = TaskKinds.ComplaintConfirm;
        var problems = await RefusedAsync(ticket);
        Assert.Contains(problems, p => p is { Code: "task-kind-outcome", ActivityId: "accept" } && p.Message.Contains("'accept'"));
        Assert.Contains(problems, p => p is { Code: "task-kind-unknown", ActivityId: "vendorTask" });
        Assert.Contains(problems, p => p is { Code: "task-kind-flow", ActivityId: "handle" });
        Assert.Contains(problems, p => p.Code == "task-kind-missing" && p.Message.Contains(TaskKinds.Handle));

        // The complaint flow needs the unit's confirmation; the coordinator's review is optional.
        var complaint = await ShippedAsync(CaseFlows.Complaint);
        complaint.Activities.Single(a => a.Id == "confirmTask").Inputs.Remove("taskKind");
        Assert.Contains(TaskKinds.ComplaintConfirm, Assert.Single(await RefusedAsync(complaint)).Message);
        complaint = await ShippedAsync(CaseFlows.Complaint);
        complaint.Activities.Single(a => a.Id == "reviewTask").Inputs.Remove("taskKind");
        await _h.Definitions.SaveDraftAsync(complaint, "admin@test");
        await _h.Definitions.PublishAsync(CaseFlows.Complaint);
    }

    [Fact]
    public async Task AnEditedFlow_IsWorkedByKind_ThePortalWaitsForTheReview_AndTheInboxShowsItsTitleAndDeadline()
    {
        // Steps renamed, a review by the enterprise's manager (8 h) inserted before the unit's rating.
        var model = await ShippedAsync(CaseFlows.ServiceTicket);
        foreach (var (from, to) in new[] { ("accept", "takeIt"), ("handle", "visit"), ("resolveTask", "report"), ("feedbackTask", "rating") })
        {
            model.Activities.Single(a => a.Id == from).Id = to;
            foreach (var c in model.Connections)
            {
                if (c.Source.Activity == from) c.Source.Activity = to;
                if (c.Target.Activity == from) c.Target.Activity = to;
            }
        }
        model.Activities.Add(new ActivityModel
        {
            Id = "userTask1", Type = "xf.UserTask", DisplayName = "经理复核",
            Inputs =
            {
                ["title"] = DefinitionJson.Expr("'复核处理结果：' + vars.ticket.number"), ["role"] = Roles.EnterpriseManager, ["dueIn"] = "PT8H",
                ["outcomes"] = JsonNode.Parse("""[{"key":"ok","name":"通过","nameEn":"Approve"}]"""),
            },
        });
        model.Connections.Single(c => c.Target.Activity == "rating").Target.Activity = "userTask1";
        model.Connections.Add(new ConnectionModel { Source = new Endpoint { Activity = "userTask1", Port = "ok" }, Target = new Endpoint { Activity = "rating" } });
        await _h.PublishAsync(model);

        var intake = _h.Services.GetRequiredService<TicketIntakeService>();
        var actions = _h.Services.GetRequiredService<TicketActionService>();
        var portal = _h.Services.GetRequiredService<PortalService>();
        var inbox = _h.Services.GetRequiredService<InboxService>();
        var tasks = _h.Services.GetRequiredService<TaskService>();
        var (ticket, _) = await intake.CreateTrustedAsync(new TicketRequest
        {
            Channel = "portal", ProcurementUnit = "南宁市青秀区财政局", ContactName = "陆工", ContactPhone = "0771-5550101",
            CityCode = ScenarioNetwork.Qingxiu[..4], CountyCode = ScenarioNetwork.Qingxiu, ProductCategory = "terminal", Impact = "single",
            Title = "统信UOS终端无法开机", Description = "开机后黑屏。",
        }, "unit@test", mayNameIntegrator: true);
        var unit = Actor.Of("unit@test", [Roles.ProcurementUser], unitId: Guid.NewGuid());
        var tech = Actor.Of(ticket.TechnicianUser!, [Roles.Technician]);

        // The technician's steps, found by kind (the phone page's calls).
        Assert.Equal(TaskKinds.Accept, Assert.Single(await tasks.OpenOfKindAsync(tech, TaskKinds.Accept)).TaskKind);
        await actions.AcceptAsync(tech, ticket.Number, null);
        await actions.CheckInAsync(tech, ticket.Number, "三楼机房", remote: false);
        Assert.Equal(TicketStatus.AwaitingFeedback, (await actions.ResolveAsync(tech, ticket.Number, "更换电源", "电源模块", "黄科长", askVendor: false)).Status);

        // The review waits: the portal does not ask the unit to rate yet, and does not say it waits for the rating.
        var row = Assert.Single(await portal.MyRequestsAsync(unit), r => r.Ticket.Id == ticket.Id);
        Assert.False(row.AwaitsMyFeedback);
        Assert.Equal(TicketStatus.Resolved, row.Status);
        await Assert.ThrowsAsync<StateConflictException>(() => actions.FeedbackAsync(unit, ticket.Number, 5, null));

        // The manager's inbox shows the review by its title and its own deadline (the clocks have stopped).
        var manager = Actor.Of("manager@test", [Roles.EnterpriseManager], enterpriseId: (await _h.Services.GetRequiredService<ITicketRepository>().FindTicketAsync(ticket.Id))!.IntegratorId);
        var (items, _) = await inbox.ListAsync(manager, new InboxQuery(InboxView.Team));
        var review = Assert.Single(items, i => i.CaseNumber == ticket.Number);
        Assert.Equal(($"复核处理结果：{ticket.Number}", (string?)null), (review.TaskTitle, review.TaskKind));
        Assert.Equal(_h.Clock.GetUtcNow() + TimeSpan.FromHours(8), review.DueAt);
        await tasks.CompleteAsync(manager, review.TaskId, "ok", []);

        // Now the portal asks for the rating, and the rating is taken by kind.
        row = Assert.Single(await portal.MyRequestsAsync(unit), r => r.Ticket.Id == ticket.Id);
        Assert.True(row.AwaitsMyFeedback);
        Assert.Equal(TicketStatus.AwaitingFeedback, row.Status);
        var (feedback, _) = await inbox.ListAsync(unit, new InboxQuery(InboxView.Mine, Kind: TaskKinds.Feedback));
        Assert.Equal("rating", Assert.Single(feedback).ActivityId);
        Assert.Equal(TicketStatus.Closed, (await actions.FeedbackAsync(unit, ticket.Number, 5, null)).Status);
        Assert.Empty(await tasks.OpenOfKindAsync(unit, TaskKinds.Feedback));
    }
}

public sealed class SqliteTaskKindTests : TaskKindTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlTaskKindTests : TaskKindTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
