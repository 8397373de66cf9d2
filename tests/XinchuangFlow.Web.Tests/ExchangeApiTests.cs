using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// The exchange standard over HTTP (DAT-1, DAT-2): the Data Bureau issues a key for an enterprise's own platform, which
/// reports a batch with it and reads the per-record report; the schema is published; a person cannot report, a key of
/// one enterprise cannot report for another, hostile bodies get a clear 400, and batches are seen only by their
/// enterprise and the regulators.
/// </summary>
public class ExchangeApiTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string Admin = "admin@xinchuang.local", AdminPassword = "Admin#2026xf", DemoPassword = "Demo#2026xf";

    private HttpClient WithKey(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private async Task<(Guid Enterprise, Guid Other, string Unit, string County)> FactsAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        var enterprise = (await db.Users.FirstAsync(u => u.UserName == "manager@xinchuang.local")).EnterpriseId!.Value;
        var other = await db.Enterprises.Where(e => e.Id != enterprise).Select(e => e.Id).FirstAsync();
        var unit = await db.ProcurementUnits.Where(u => u.CityCode == "4501").OrderBy(u => u.Name).FirstAsync();
        return (enterprise, other, unit.Name, unit.CountyCode);
    }

    private static JsonObject Batch(params JsonObject[] records) => new() { ["standard"] = "v1", ["records"] = new JsonArray(records) };

    private static JsonObject Ticket(Guid enterprise, string id, string unit, string county) => new()
    {
        ["type"] = "ticket", ["enterprise"] = enterprise.ToString(), ["externalId"] = id, ["createdAt"] = "2026-11-20T09:00:00+08:00", ["channel"] = "portal",
        ["procurementUnit"] = unit, ["cityCode"] = "4501", ["countyCode"] = county, ["productCategory"] = "os", ["title"] = "统信UOS 升级后黑屏",
    };

    private static JsonObject Event(Guid enterprise, string id, int seq, string at, string kind) => new()
    {
        ["type"] = "event", ["enterprise"] = enterprise.ToString(), ["externalId"] = id, ["sequence"] = seq, ["at"] = at, ["kind"] = kind,
    };

    [Fact]
    public async Task AnEnterprisesPlatform_ReportsABatch_AndReadsWhatBecameOfEveryRecord()
    {
        var (enterprise, other, unit, county) = await FactsAsync();
        var admin = await factory.LoginAsync(Admin, AdminPassword);
        var issued = (await (await admin.PostAsJsonAsync("/api/platforms", new JsonObject { ["name"] = "企业自有服务台", ["enterpriseId"] = enterprise.ToString() }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(enterprise.ToString(), issued["enterpriseId"]!.GetValue<string>());
        var platform = WithKey(issued["key"]!.GetValue<string>());
        platform.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var response = await platform.PostAsJsonAsync("/api/exchange/v1/batches", Batch(
            Ticket(enterprise, "API-1", unit, county),
            Event(enterprise, "API-1", 1, "2026-11-20T09:40:00+08:00", "accepted"),
            Ticket(other, "API-2", unit, county)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((3, 2, 1, 1), (report["received"]!.GetValue<int>(), report["stored"]!.GetValue<int>(), report["rejected"]!.GetValue<int>(), report["tickets"]!.GetValue<int>()));
        var rejection = report["rejections"]!.AsArray().Single()!;
        Assert.Equal((2, "API-2"), (rejection["index"]!.GetValue<int>(), rejection["externalId"]!.GetValue<string>()));
        var problem = rejection["problems"]!.AsArray().Single()!;
        Assert.Equal("exchange-other-enterprise", problem["code"]!.GetValue<string>());
        Assert.Equal("只能报送本企业的数据，这条记录属于其他企业。", problem["message"]!.GetValue<string>());

        // The reported ticket is the enterprise's and counts as reported; its manager finds it among the enterprise's batches.
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            var ticket = await db.Tickets.AsNoTracking().SingleAsync(t => t.ReportedBy == enterprise && t.ExternalId == "API-1");
            Assert.Equal((Domain.Tickets.TicketStatus.Accepted, enterprise), (ticket.Status, ticket.IntegratorId!.Value));
        }
        // Its history is what was reported, in the enterprise's order.
        string number;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
            number = (await db.Tickets.AsNoTracking().SingleAsync(t => t.ReportedBy == enterprise && t.ExternalId == "API-1")).Number;
        var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!;
        Assert.Equal(["reported-ticket", "reported-accepted"], detail["history"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Equal((enterprise.ToString(), "API-1"), (detail["ticket"]!["reportedBy"]!.GetValue<string>(), detail["ticket"]!["externalId"]!.GetValue<string>()));
        var manager = await factory.LoginAsync("manager@xinchuang.local", DemoPassword);
        var batches = (await manager.GetFromJsonAsync<JsonArray>("/api/exchange/v1/batches"))!;
        Assert.Contains(batches, b => b!["id"]!.GetValue<string>() == report["batchId"]!.GetValue<string>());
        Assert.All(batches, b => Assert.Equal(enterprise.ToString(), b!["enterpriseId"]!.GetValue<string>()));
        Assert.Contains((await admin.GetFromJsonAsync<JsonArray>("/api/exchange/v1/batches?take=200"))!, b => b!["id"]!.GetValue<string>() == report["batchId"]!.GetValue<string>());

        // An atomic batch with one refusal stores nothing: 422 with the report.
        var atomic = Batch(Event(enterprise, "API-1", 2, "2026-11-20T11:00:00+08:00", "checked-in"), Event(enterprise, "NOPE", 1, "2026-11-20T11:00:00+08:00", "accepted"));
        atomic["atomic"] = true;
        var refused = await platform.PostAsJsonAsync("/api/exchange/v1/batches", atomic);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedReport = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((false, 0, 2), (refusedReport["applied"]!.GetValue<bool>(), refusedReport["stored"]!.GetValue<int>(), refusedReport["rejections"]!.AsArray().Count));

        // The key reports and nothing else: it reads no tickets, no network, no inbox.
        foreach (var path in new[] { "/api/tickets", $"/api/network/enterprises/{enterprise}", "/api/inbox" })
            Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task APerson_CannotReport_AndHostileBodiesGetAClear400()
    {
        var (enterprise, _, unit, county) = await FactsAsync();
        var manager = await factory.LoginAsync("manager@xinchuang.local", DemoPassword);
        var byPerson = await manager.PostAsJsonAsync("/api/exchange/v1/batches", Batch(Ticket(enterprise, "P-1", unit, county)));
        Assert.Equal(HttpStatusCode.Forbidden, byPerson.StatusCode);
        Assert.Contains("只有企业自有平台可以报送服务数据", await byPerson.Content.ReadAsStringAsync());

        var admin = await factory.LoginAsync(Admin, AdminPassword);
        var key = (await (await admin.PostAsJsonAsync("/api/platforms", new JsonObject { ["name"] = "企业平台二", ["enterpriseId"] = enterprise.ToString() }))
            .Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        var platform = WithKey(key);
        async Task<HttpResponseMessage> Raw(string body) =>
            await platform.PostAsync("/api/exchange/v1/batches", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Raw("{ not json")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Raw(new string('[', 5000) + new string(']', 5000))).StatusCode);
        var wrong = await Raw("""{ "standard": "v9", "records": [] }""");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("这批数据不符合数据标准 v1（standard）", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await Raw("[]")).StatusCode);
        // Times at the ends of the calendar are refused records, never a failure.
        foreach (var time in new[] { "0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-08:00", "2026-02-30T10:00:00+08:00" })
        {
            var edge = Ticket(enterprise, "EDGE-1", unit, county);
            edge["createdAt"] = time;
            var answer = await platform.PostAsJsonAsync("/api/exchange/v1/batches", Batch(edge));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(1, (await answer.Content.ReadFromJsonAsync<JsonObject>())!["rejected"]!.GetValue<int>());
        }
        // An unknown enterprise for a key is refused when issuing it.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/platforms", new JsonObject { ["name"] = "x", ["enterpriseId"] = Guid.NewGuid().ToString() })).StatusCode);

        // The schema is published to everyone signed in.
        var schema = (await manager.GetFromJsonAsync<JsonObject>("/api/exchange/v1/schema"))!;
        Assert.Equal("urn:xinchuangflow:exchange:v1", schema["$id"]!.GetValue<string>());
        // A technician reads no batches.
        var technician = await factory.LoginAsync("tech@xinchuang.local", DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.GetAsync("/api/exchange/v1/batches")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/exchange/v1/batches?take=100000")).StatusCode);
    }
}
