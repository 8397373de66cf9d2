using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// The indicators over HTTP (ASM-1) on the demo data: the Data Bureau reads the region with every enterprise and city, a
/// coordinator their city only, an enterprise's manager their enterprise only; others are refused; bad periods get a clear 400.
/// </summary>
public class KpiApiTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string DemoPassword = "Demo#2026xf";
    private static string Period => $"from={DateTime.UtcNow.AddDays(-200):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(2):yyyy-MM-dd}";

    private static JsonObject Group(JsonObject report, string dimension, string? key = null) =>
        report["groups"]!.AsArray().Single(g => g!["dimension"]!.GetValue<string>() == dimension && (key is null || g["key"]!.GetValue<string>() == key))!.AsObject();

    private static double Figure(JsonObject group, string code) =>
        group["figures"]!.AsArray().Single(f => f!["code"]!.GetValue<string>() == code)!["value"]!.GetValue<double>();

    [Fact]
    public async Task EachRole_ReadsTheIndicatorsOfItsOwnScope()
    {
        Guid enterprise;
        int demoTickets, nanningTickets, enterpriseTickets;
        var since = DateTimeOffset.UtcNow.AddDays(-200);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            enterprise = (await db.Users.FirstAsync(u => u.UserName == "manager@xinchuang.local")).EnterpriseId!.Value;
            var counted = db.Tickets.Where(t => t.Status != Domain.Tickets.TicketStatus.Cancelled && t.CreatedAt >= since);
            demoTickets = await counted.CountAsync();
            nanningTickets = await counted.CountAsync(t => t.CityCode == "4501");
            enterpriseTickets = await counted.CountAsync(t => t.IntegratorId == enterprise);
        }
        Assert.True(demoTickets > nanningTickets && nanningTickets > 0 && enterpriseTickets > 0, "the demo data has tickets in several cities");

        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var region = (await admin.GetFromJsonAsync<JsonObject>($"/api/kpis?{Period}"))!;
        Assert.True(Figure(Group(region, "all"), "tickets") >= demoTickets);
        // The demo enterprise's own desk reported 24 closed tickets; they count with the platform's.
        Assert.True(Figure(Group(region, "all"), "reported") >= 24, "the demo's reported tickets are counted");
        Assert.True(Figure(Group(region, "enterprise", enterprise.ToString()), "reported") >= 24);
        Assert.True(region["groups"]!.AsArray().Count(g => g!["dimension"]!.GetValue<string>() == "city") > 1);
        Assert.Equal("南宁市", Group(region, "city", "4501")["name"]!.GetValue<string>());

        var nanning = await factory.LoginAsync("nanning@xinchuang.local", DemoPassword);
        var city = (await nanning.GetFromJsonAsync<JsonObject>($"/api/kpis?{Period}"))!;
        Assert.Equal("4501", city["city"]!.GetValue<string>());
        Assert.All(city["groups"]!.AsArray().Where(g => g!["dimension"]!.GetValue<string>() == "city"), g => Assert.Equal("4501", g!["key"]!.GetValue<string>()));
        Assert.True(Figure(Group(city, "all"), "tickets") >= nanningTickets && Figure(Group(city, "all"), "tickets") < Figure(Group(region, "all"), "tickets"));
        var refused = await nanning.GetAsync($"/api/kpis?{Period}&city=4502");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var manager = await factory.LoginAsync("manager@xinchuang.local", DemoPassword);
        var own = (await manager.GetFromJsonAsync<JsonObject>($"/api/kpis?{Period}"))!;
        Assert.Equal(enterprise.ToString(), Assert.Single(own["groups"]!.AsArray(), g => g!["dimension"]!.GetValue<string>() == "enterprise")!["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/kpis?{Period}&enterpriseId={Guid.NewGuid()}")).StatusCode);

        var technician = await factory.LoginAsync("tech@xinchuang.local", DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.GetAsync($"/api/kpis?{Period}")).StatusCode);
        foreach (var bad in new[] { "quarter=2026Q5", "quarter=Q3", "from=2026-01-01&to=2025-01-01", "from=2020-01-01&to=2026-01-01", "from=2026-01-01",
                     "from=0001-01-01&to=0001-01-02", "from=9999-12-30&to=9999-12-31", "quarter=9999Q4", "city=4501" })
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/kpis?{bad}")).StatusCode);
    }
}
