using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Home;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Web.Text;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// Each role's home (issue 21 §4) on the demo data: its own parts and figures, counted in its own scope (a unit's home
/// never shows another unit's tickets); a unit's things to do agree with the portal; a unit reads its tickets in its own
/// view while agents keep the workspace; a low rating says what the flow did; system steps are nobody's.
/// </summary>
public sealed class HomeTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private const string Demo = "Demo#2026xf";
    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    /// <summary>The demo user as the application sees them (the same values the sign-in puts in the ticket).</summary>
    private async Task<Actor> ActorAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(email) ?? throw new InvalidOperationException(email);
        return Actor.Of(email, await users.GetRolesAsync(user), user.EnterpriseId, user.CityCode, user.ProcurementUnitId);
    }

    /// <summary>An open request of another unit in another city (Liuzhou), filed at the hotline, so scope has something to keep out.</summary>
    private async Task AnotherUnitsRequestAsync()
    {
        await using (var db = await Get<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
            if (await db.Tickets.AnyAsync(t => t.CityCode == "4502" && t.Status != TicketStatus.Closed)) return;
        var desk = await app.LoginAsync("dispatcher@xinchuang.local", Demo);
        var created = await desk.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "覃工", ["contactPhone"] = "0772-5550123", ["cityCode"] = "4502", ["countyCode"] = "450202", ["productCategory"] = "terminal",
            ["impact"] = "single", ["title"] = "柳州：电脑无法开机", ["description"] = "按电源键无反应。", ["procurementUnit"] = "柳州市财政局", ["channel"] = "hotline",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private async Task<IReadOnlyList<Ticket>> AllTicketsAsync() =>
        (await Get<CaseQueryService>().ListTicketsAsync(await ActorAsync("admin@xinchuang.local"), new TicketFilter(Take: 200))).Items;

    [Theory]
    [InlineData("unit@xinchuang.local", HomeSections.Unit)]
    [InlineData("dispatcher@xinchuang.local", HomeSections.Inbox)]
    [InlineData("integrator@xinchuang.local", HomeSections.Inbox)]
    [InlineData("manager@xinchuang.local", HomeSections.Inbox)]
    [InlineData("vendor@xinchuang.local", HomeSections.Inbox)]
    [InlineData("nanning@xinchuang.local", HomeSections.Inbox | HomeSections.City)]
    [InlineData("supervisor@xinchuang.local", HomeSections.Region)]
    [InlineData("admin@xinchuang.local", HomeSections.Inbox | HomeSections.Region | HomeSections.Flows)]
    [InlineData("tech@xinchuang.local", HomeSections.Field)]
    public async Task EachRole_GetsTheHomeOfItsOwnWork(string email, HomeSections expected)
    {
        var home = await Get<HomeService>().GetAsync(await ActorAsync(email));
        Assert.Equal(expected, home.Sections);
        Assert.Equal(expected.HasFlag(HomeSections.Unit), home.Unit is not null);
        Assert.Equal(expected.HasFlag(HomeSections.Inbox), home.Desk is not null);
        Assert.Equal(expected.HasFlag(HomeSections.City), home.City is not null);
        Assert.Equal(expected.HasFlag(HomeSections.Region), home.Region is not null);
        Assert.Equal(expected.HasFlag(HomeSections.Flows), home.Flows is not null);
        Assert.Equal(expected == HomeSections.Field ? "/m" : null, home.LandOn);
    }

    [Fact]
    public async Task AUnitsHome_CountsItsOwnRequests_AndNeverAnotherUnits()
    {
        await AnotherUnitsRequestAsync();
        var unit = await ActorAsync("unit@xinchuang.local");
        var home = (await Get<HomeService>().GetAsync(unit)).Unit!;
        var open = (await AllTicketsAsync()).Where(t => !t.Status.IsFinal).ToList();
        var ours = open.Where(t => t.ProcurementUnitId == unit.UnitId || t.CreatedBy == unit.UserName).ToList();
        Assert.True(open.Count > ours.Count, "the demo has other units' open tickets, which the unit must not count");
        Assert.Equal(ours.Count, home.Open);
        Assert.Equal(ours.Count(t => t.Breached), home.Breached);
        Assert.NotEmpty(home.Requests);
        Assert.All(home.Requests, r => Assert.True(r.Ticket.ProcurementUnitId == unit.UnitId || r.Ticket.CreatedBy == unit.UserName, r.Ticket.Number));
        Assert.True(home.ToRate >= 1, "the demo unit has a resolved request to rate");
    }

    [Fact]
    public async Task AnInboxHome_AgreesWithTheInbox()
    {
        foreach (var email in new[] { "dispatcher@xinchuang.local", "manager@xinchuang.local", "nanning@xinchuang.local" })
        {
            var actor = await ActorAsync(email);
            var desk = (await Get<HomeService>().GetAsync(actor)).Desk!;
            Assert.Equal(await Get<InboxService>().CountsAsync(actor), desk.Counts);
            Assert.InRange(desk.DueSoon, 0, desk.Counts.All);
            Assert.True(desk.Next.Count <= HomeService.ListLength);
        }
    }

    [Fact]
    public async Task ACoordinatorsHome_IsTheirCity_AndTheRegionsIsEveryCity()
    {
        await AnotherUnitsRequestAsync();
        var all = (await AllTicketsAsync()).Where(t => !t.Status.IsFinal).ToList();
        var city = (await Get<HomeService>().GetAsync(await ActorAsync("nanning@xinchuang.local"))).City!;
        Assert.Equal("4501", city.Figures.CityCode);
        Assert.Equal(all.Count(t => t.CityCode == "4501"), city.Figures.Open);
        Assert.True(all.Count > city.Figures.Open, "other cities have open tickets the coordinator must not count");

        var region = (await Get<HomeService>().GetAsync(await ActorAsync("supervisor@xinchuang.local"))).Region!;
        Assert.Equal(all.Count, region.Figures.Open);
        Assert.Equal(region.WorstCities.OrderByDescending(c => c.Overdue).ThenByDescending(c => c.Breached).Select(c => c.CityCode), region.WorstCities.Select(c => c.CityCode));
    }

    [Fact]
    public async Task AUnitsThingsToDo_AgreeWithWhatThePortalAsks()
    {
        // A colleague of the demo unit files a request; once resolved the portal asks every user of the unit to rate it.
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync("unit2@xinchuang.local") is null)
            {
                var demoUnit = (await users.FindByNameAsync("unit@xinchuang.local"))!;
                var colleague = new AppUser
                {
                    UserName = "unit2@xinchuang.local", Email = "unit2@xinchuang.local", EmailConfirmed = true, DisplayName = "财政局同事",
                    ProcurementUnitId = demoUnit.ProcurementUnitId, CityCode = demoUnit.CityCode, PasswordChangedAt = DateTimeOffset.UnixEpoch.AddYears(60),
                };
                Assert.True((await users.CreateAsync(colleague, Demo)).Succeeded);
                await users.AddToRoleAsync(colleague, Roles.ProcurementUser);
            }
        }
        var filer = await app.LoginAsync("unit2@xinchuang.local", Demo);
        var created = await filer.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "黄工", ["contactPhone"] = "0771-5550199", ["cityCode"] = "4501", ["countyCode"] = "450103", ["productCategory"] = "terminal",
            ["impact"] = "single", ["title"] = "同事报修：显示器无信号", ["description"] = "开机后显示器提示无信号。",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = (await created.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        await FlowDriver.ToFeedbackAsync(await app.LoginAsync("admin@xinchuang.local", "Admin#2026xf"), number, "tech@xinchuang.local");

        var unit = await ActorAsync("unit@xinchuang.local");
        var asked = (await Get<PortalService>().MyRequestsAsync(unit, 200)).Where(r => r.AwaitsMyFeedback).Select(r => r.Ticket.Number).ToHashSet();
        Assert.Contains(number, asked);
        var inbox = Get<InboxService>();
        var mine = (await inbox.ListAsync(unit, new InboxQuery(InboxView.Mine, Kind: TaskKinds.Feedback, Take: 100))).Items;
        var team = (await inbox.ListAsync(unit, new InboxQuery(InboxView.Team, Kind: TaskKinds.Feedback, Take: 100))).Items;
        var toDo = mine.Concat(team).Select(r => r.CaseNumber!).ToList();
        Assert.Equal(toDo.Count, toDo.Distinct().Count());                       // counted once
        Assert.Equal(asked.Order(), toDo.Order());                               // the same requests the portal asks about
        Assert.Equal(asked.Count, (await Get<HomeService>().GetAsync(unit)).Unit!.ToRate);
    }

    [Fact]
    public async Task AUnitReadsItsOwnView_AnAgentTheWorkspace_AndALowRatingSaysWhatHappensNext()
    {
        var unit = await ActorAsync("unit@xinchuang.local");
        var api = await app.LoginAsync("unit@xinchuang.local", Demo);
        var created = await api.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103", ["productCategory"] = "terminal",
            ["impact"] = "single", ["title"] = "打印机卡纸无法打印", ["description"] = "每次打印都卡纸。",
        });
        var number = (await created.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        await FlowDriver.ToFeedbackAsync(await app.LoginAsync("admin@xinchuang.local", "Admin#2026xf"), number, "tech@xinchuang.local");

        var workspaces = Get<TicketWorkspaceService>();
        var mine = await workspaces.GetAsync(unit, number);
        Assert.Equal(TicketView.Requester, mine.View);
        Assert.Null(mine.Flow);                                                  // no engine diagram
        Assert.Empty(mine.Rights.Actions);                                       // no agents' actions
        Assert.True(mine.Requester!.AwaitsMyFeedback);
        Assert.Equal(["submitted", "assigned", "accepted", "remote", "resolved"], mine.Requester.Timeline.Select(e => e.Key));
        var agent = await workspaces.GetAsync(await ActorAsync("admin@xinchuang.local"), number);
        Assert.Equal(TicketView.Internal, agent.View);
        Assert.NotNull(agent.Flow);
        Assert.NotEmpty(agent.Rights.Actions);

        // One star: the flow reopens the ticket, and the unit is told so.
        var feedback = Assert.Single(mine.MyTasks, t => t.TaskKind == TaskKinds.Feedback);
        await Get<TaskService>().CompleteAsync(unit, feedback.Id, "submit", new JsonObject { ["satisfaction"] = "1", ["comment"] = "打印机仍然卡纸" });
        var after = await workspaces.GetAsync(unit, number);
        Assert.False(after.Requester!.AwaitsMyFeedback);
        Assert.Equal(FeedbackNews.Reopened, after.Requester.FeedbackNews);
        Assert.Equal("reopened", after.Requester.Timeline[^1].Key);

        // Who did what: the unit filed and rated; grading, dispatch by the rules, the clocks and the reopening were the platform's.
        Assert.Equal("unit@xinchuang.local", Assert.Single(after.History, e => e.Kind == "submitted").User);
        Assert.Equal("unit@xinchuang.local", Assert.Single(after.History, e => e.Kind == "feedback").User);
        Assert.All(after.History.Where(e => e.Kind is "graded" or "reopened" || e.Kind.StartsWith("clock-")), e => Assert.Null(e.User));
    }

    [Fact]
    public async Task TheDemoLogins_HaveWork_AndTheDemoNetworkIsValidToday()
    {
        var queue = await Get<ICaseDirectory>().TechnicianQueueAsync("tech@xinchuang.local", 20);
        Assert.NotEmpty(queue);                                                  // the demo technician has a ticket waiting
        await using var db = await Get<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        var name = await db.Technicians.Where(t => t.UserName == "tech@xinchuang.local").Select(t => t.Name).SingleAsync();
        Assert.Equal(name, (await db.Users.SingleAsync(u => u.UserName == "tech@xinchuang.local")).DisplayName);   // one name everywhere
        Assert.All(queue, t => Assert.Equal(name, t.TechnicianName));
        var today = DateOnly.FromDateTime(Get<TimeProvider>().GetUtcNow().UtcDateTime);
        Assert.False(await db.Certificates.AnyAsync(c => c.ValidFrom > today));  // no certificate starts in the future
        Assert.True(await db.Certificates.AnyAsync(c => c.ValidUntil >= today && c.ValidUntil <= today.AddDays(30)));
    }

    /// <summary>
    /// Who acted, on a ticket's page, is a person's name, never a login: the workspace names everyone on the page at once —
    /// a roster technician without an account (the demo's tech0179) by the roster's name and enterprise, as dispatch does;
    /// an account by its display name; the system by nobody.
    /// </summary>
    [Fact]
    public async Task TheTicketWorkspace_NamesEveryoneWhoActed_ARosterTechnicianByTheirName()
    {
        await using var db = await Get<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        var accounts = await db.Users.Select(u => u.UserName!).ToListAsync();
        var roster = await db.Technicians.Select(t => new { t.UserName, t.Name, t.EnterpriseId }).ToListAsync();
        var withoutAccount = roster.Where(t => !accounts.Contains(t.UserName, StringComparer.OrdinalIgnoreCase)).ToDictionary(t => t.UserName);
        var events = await db.CaseEvents.Where(e => e.User != null).Select(e => new { e.CaseId, e.User }).ToListAsync();
        var acted = events.First(e => withoutAccount.ContainsKey(e.User!));      // the demo's technicians accept their tickets
        var number = await db.Tickets.Where(t => t.Id == acted.CaseId).Select(t => t.Number).SingleAsync();
        var technician = withoutAccount[acted.User!];
        var enterprise = await db.Enterprises.Where(e => e.Id == technician.EnterpriseId).Select(e => e.Name).SingleAsync();

        var workspace = await Get<TicketWorkspaceService>().GetAsync(await ActorAsync("admin@xinchuang.local"), number);
        var people = workspace.People!;
        Assert.Equal(technician.Name, people[acted.User!].Name);
        Assert.Equal(enterprise, people[acted.User!].Organisation);
        Assert.StartsWith(technician.Name, SharedTexts.Who(acted.User, people));
        // Everyone who acted (a person, not the system) is named: the page never falls back to a login.
        foreach (var user in workspace.History.Select(e => e.User).OfType<string>().Where(u => u != "system" && !u.Contains(':')).Distinct())
            Assert.True(people.ContainsKey(user), $"{user} is not named on {number}");
    }
}
