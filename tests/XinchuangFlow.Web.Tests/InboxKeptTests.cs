using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// PERF-3: the inbox without filters is served from what each audience's inbox holds (<see cref="InboxReadCache"/>). What a
/// user sees must be what the inbox query answers: the same rows in the same order and the same counts, every write this
/// node finished in the next call (whoever wrote it), a write that does not concern the user read for nobody else, and
/// another node's write within the copy's life. On both providers.
/// </summary>
public abstract class InboxKeptTests(InboxWorld world)
{
    private static readonly string[] DemoUsers =
    [
        "admin@xinchuang.local", "dispatcher@xinchuang.local", "integrator@xinchuang.local", "manager@xinchuang.local", "teammate@xinchuang.local",
        "tech@xinchuang.local", "unit@xinchuang.local", "vendor@xinchuang.local", "nanning@xinchuang.local", "liuzhou@xinchuang.local", "supervisor@xinchuang.local",
    ];

    private Task<HttpClient> As(string user) => world.App.LoginAsync(user, user.StartsWith("admin") ? "Admin#2026xf" : InboxWorld.Password);
    private InboxService Inbox => world.App.Services.GetRequiredService<InboxService>();
    private InboxReadCache Kept => world.App.Services.GetRequiredService<InboxReadCache>();

    private Task<Actor> ActorAsync(string email) => world.ActorAsync(email);

    private static async Task<JsonObject> NewTicketAsync(HttpClient api, string title, string county)
    {
        var response = await api.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["procurementUnit"] = "收件箱副本测试单位", ["contactName"] = "李工", ["contactPhone"] = "0771-5550101", ["cityCode"] = county[..4], ["countyCode"] = county,
            ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = title, ["description"] = "收件箱副本测试",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>What the inbox query itself answers for a view (the path filtered calls take), every row.</summary>
    private async Task<(List<Guid> Ids, int Total)> QueriedAsync(Actor actor, InboxView view)
    {
        var cases = world.App.Services.GetRequiredService<ICaseDirectory>();
        var who = world.App.Services.GetRequiredService<AccessService>().InboxAudienceOf(actor);
        var (items, total) = await cases.ListInboxAsync(new InboxQuery(view), 0, 10_000, who, world.App.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        return (items.Select(i => i.TaskId).ToList(), total);
    }

    private async Task<(List<Guid> Ids, int Total)> ServedAsync(Actor actor, InboxView view, int take = 200)
    {
        var (rows, total) = await PagesAsync(actor, view, take);
        return (rows.Select(r => r.TaskId).ToList(), total);
    }

    private async Task<List<InboxRow>> RowsAsync(Actor actor, InboxView view) => (await PagesAsync(actor, view, 200)).Rows;

    /// <summary>Every row of a view as the inbox serves it, page after page.</summary>
    private async Task<(List<InboxRow> Rows, int Total)> PagesAsync(Actor actor, InboxView view, int take)
    {
        var rows = new List<InboxRow>();
        for (var skip = 0; ; skip += take)
        {
            var (items, total) = await Inbox.ListAsync(actor, new InboxQuery(view, Skip: skip, Take: take));
            rows.AddRange(items);
            if (skip + take >= total) return (rows, total);
        }
    }

    [Fact]
    public async Task EveryDemoUsersViews_AreTheQuerysRows_InItsOrder_WithItsCounts()
    {
        await NewTicketAsync(await As("dispatcher@xinchuang.local"), "副本与查询一致", "450103");
        foreach (var email in DemoUsers)
        {
            var actor = await ActorAsync(email);
            var counts = await Inbox.CountsAsync(actor);
            foreach (var view in Enum.GetValues<InboxView>())
            {
                var queried = await QueriedAsync(actor, view);
                // Pages of 7 from the copy, put together: the query's rows in the query's order (ties broken by task id alike).
                var served = await ServedAsync(actor, view, take: 7);
                Assert.True(queried.Ids.SequenceEqual(served.Ids), $"{email} {view}: {served.Ids.Count} served, {queried.Ids.Count} queried, first difference at {queried.Ids.Zip(served.Ids).TakeWhile(p => p.First == p.Second).Count()}");
                Assert.Equal(queried.Total, served.Total);
                Assert.Equal(queried.Total, view switch { InboxView.Mine => counts.Mine, InboxView.Team => counts.Team, InboxView.Overdue => counts.Overdue, _ => counts.All });
            }
        }
    }

    [Fact]
    public async Task AWriteThisNodeFinished_IsInTheNextCall_AndAWriteThatConcernsAnotherCityIsReadForNobodyHere()
    {
        var nanning = await ActorAsync("nanning@xinchuang.local");
        var liuzhou = await ActorAsync("liuzhou@xinchuang.local");
        var liuzhouBefore = await Inbox.CountsAsync(liuzhou);
        var nanningBefore = await Inbox.CountsAsync(nanning);
        var (loads, patches) = (Kept.Loads, Kept.Patches);
        Assert.Equal(liuzhouBefore, await Inbox.CountsAsync(liuzhou));
        Assert.Equal((loads, patches), (Kept.Loads, Kept.Patches));            // kept: no read

        // A Nanning ticket (the engine's commit): in Nanning's next call; Liuzhou's inbox is not read again for it.
        var ticket = await NewTicketAsync(await As("dispatcher@xinchuang.local"), "副本南宁新单", "450103");
        var number = ticket["number"]!.GetValue<string>();
        var nanningAfter = await Inbox.CountsAsync(nanning);
        Assert.True(nanningAfter.All > nanningBefore.All, $"{nanningAfter.All} after, {nanningBefore.All} before");
        Assert.Equal((await QueriedAsync(nanning, InboxView.All)).Total, nanningAfter.All);
        var page = (await Inbox.ListAsync(nanning, new InboxQuery(InboxView.All, Take: 200))).Items;
        Assert.Contains(page, r => r.CaseNumber == number);
        Assert.Equal(loads, Kept.Loads);                                        // the new ticket's tasks were read, not Nanning's whole inbox
        patches = Kept.Patches;
        Assert.Equal(liuzhouBefore, await Inbox.CountsAsync(liuzhou));
        Assert.Equal((loads, patches), (Kept.Loads, Kept.Patches));

        // A save of the ticket by any code of this node (a tracked save): the row's title in the next call.
        await using (var db = await world.App.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            var row = await db.Tickets.SingleAsync(t => t.Number == number);
            row.Title = "副本南宁新单（已更正）";
            await db.SaveChangesAsync();
        }
        page = (await Inbox.ListAsync(nanning, new InboxQuery(InboxView.All, Take: 200))).Items;
        Assert.Contains(page, r => r.CaseNumber == number && r.CaseTitle == "副本南宁新单（已更正）");

        // Time alone moves the ticket into Overdue: the kept marks are weighed against the clock at each call.
        var clock = world.App.Services.GetRequiredService<TimeProvider>();
        await using (var db = await world.App.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            var row = await db.Tickets.SingleAsync(t => t.Number == number);
            row.NextDueAt = clock.GetUtcNow() + TimeSpan.FromSeconds(1);
            await db.SaveChangesAsync();
        }
        var notYet = await Inbox.CountsAsync(nanning);
        Assert.DoesNotContain(await RowsAsync(nanning, InboxView.Overdue), r => r.CaseNumber == number);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var now = await Inbox.CountsAsync(nanning);
        Assert.Equal(notYet.Overdue + 1, now.Overdue);
        Assert.Contains(await RowsAsync(nanning, InboxView.Overdue), r => r.CaseNumber == number);
        Assert.Equal((await QueriedAsync(nanning, InboxView.Overdue)).Total, now.Overdue);
    }

    [Fact]
    public async Task AClaimAndAHandOver_LeaveTheOtherHoldersInboxes_InTheNextCall()
    {
        var unit = await As("unit@xinchuang.local");
        var ticket = await NewTicketAsync(unit, "副本认领前的工单", "450103");
        var filed = await unit.PostAsJsonAsync($"/api/tickets/{ticket["number"]}/complaints", new JsonObject { ["description"] = "副本测试：工程师未到", ["category"] = "timeliness" });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var complaintNumber = (await filed.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        var manager = await ActorAsync("manager@xinchuang.local");
        var teammate = await ActorAsync("teammate@xinchuang.local");
        var team = (await Inbox.ListAsync(teammate, new InboxQuery(InboxView.Team, Take: 200))).Items;
        var task = Assert.Single(team, r => r.CaseNumber == complaintNumber);
        var before = await Inbox.CountsAsync(teammate);

        // The manager claims it: gone from the teammate's Team view and count at once; in the manager's Mine.
        Assert.Equal(HttpStatusCode.OK, (await (await As("manager@xinchuang.local")).PostAsync($"/api/tasks/{task.TaskId}/claim", null)).StatusCode);
        Assert.DoesNotContain((await Inbox.ListAsync(teammate, new InboxQuery(InboxView.Team, Take: 200))).Items, r => r.TaskId == task.TaskId);
        Assert.Equal(before.Team - 1, (await Inbox.CountsAsync(teammate)).Team);
        Assert.Contains((await Inbox.ListAsync(manager, new InboxQuery(InboxView.Mine, Take: 200))).Items, r => r.TaskId == task.TaskId);

        // Handed over: out of the manager's Mine (the task is still theirs to see in All, the case is their enterprise's).
        var handed = await (await As("manager@xinchuang.local")).PostAsJsonAsync($"/api/tasks/{task.TaskId}/reassign",
            new JsonObject { ["toUser"] = "teammate@xinchuang.local", ["reason"] = "副本测试：请同事处理" });
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        Assert.DoesNotContain((await Inbox.ListAsync(manager, new InboxQuery(InboxView.Mine, Take: 200))).Items, r => r.TaskId == task.TaskId);
        Assert.Contains((await Inbox.ListAsync(teammate, new InboxQuery(InboxView.Mine, Take: 200))).Items, r => r.TaskId == task.TaskId);
        foreach (var actor in new[] { manager, teammate })
            Assert.Equal((await QueriedAsync(actor, InboxView.Mine)).Total, (await Inbox.CountsAsync(actor)).Mine);
    }

    [Fact]
    public async Task AWriteThisNodeWasNotToldOf_IsSeenWithinTheCopysLife()
    {
        var nanning = await ActorAsync("nanning@xinchuang.local");
        var ticket = await NewTicketAsync(await As("dispatcher@xinchuang.local"), "副本另一节点改动前", "450103");
        var number = ticket["number"]!.GetValue<string>();
        Assert.Contains((await Inbox.ListAsync(nanning, new InboxQuery(InboxView.All, Take: 200))).Items, r => r.CaseNumber == number);
        // As another node would write it: a bulk update nobody here is told of.
        await using (var db = await world.App.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
            Assert.Equal(1, await db.Tickets.Where(t => t.Number == number).ExecuteUpdateAsync(s => s.SetProperty(t => t.Title, "副本另一节点改动后")));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(await Inbox.ListAsync(nanning, new InboxQuery(InboxView.All, Take: 200))).Items.Any(r => r.CaseNumber == number && r.CaseTitle == "副本另一节点改动后"))
        {
            Assert.True(waited.Elapsed < 2 * InboxReadCache.Life + TimeSpan.FromSeconds(3), "another node's write is seen once the copy is read again");
            await Task.Delay(100);
        }
    }
}

public sealed class InboxKeptSqliteTests(SqliteInboxWorld world) : InboxKeptTests(world), IClassFixture<SqliteInboxWorld>;
public sealed class InboxKeptPostgresTests(PostgresInboxWorld world) : InboxKeptTests(world), IClassFixture<PostgresInboxWorld>;
