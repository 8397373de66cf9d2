using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Web.Tests;

/// <summary>Reference data and the seeded service network through the API, with enterprise scoping.</summary>
public class NetworkApiTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private Task<HttpClient> LoginAsync(string email, string password = "Demo#2026xf") => factory.LoginAsync(email, password);

    private Task<HttpClient> AdminAsync() => LoginAsync("admin@xinchuang.local", "Admin#2026xf");

    [Fact]
    public async Task Divisions_14CitiesWith111Counties()
    {
        var api = await AdminAsync();
        var cities = (await api.GetFromJsonAsync<JsonArray>("/api/divisions"))!;
        Assert.Equal(14, cities.Count);
        Assert.Equal(111, cities.Sum(c => c!["counties"]!.AsArray().Count));
        Assert.Equal("南宁市", cities[0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task DemoNetwork_MostButNotAllCountiesCovered_SomeCertificatesExpired()
    {
        var api = await AdminAsync();
        var enterprises = (await api.GetFromJsonAsync<JsonArray>("/api/enterprises"))!;
        Assert.Equal(4, enterprises.Count(e => e!["kind"]!.GetValue<string>() == "Integrator"));
        Assert.Equal(3, enterprises.Count(e => e!["kind"]!.GetValue<string>() == "ProductVendor"));
        Assert.Single(enterprises, e => e!["status"]!.GetValue<string>() == "Suspended");

        var biggest = enterprises.First(e => e!["name"]!.GetValue<string>() == "广西桂信科技集成有限公司")!["id"]!.GetValue<string>();
        var coverage = (await api.GetFromJsonAsync<JsonObject>($"/api/enterprises/{biggest}/coverage"))!;
        var covered = coverage["countiesCovered"]!.GetValue<int>();
        Assert.Equal(111, coverage["countiesTotal"]!.GetValue<int>());
        Assert.InRange(covered, 80, 110);
        var gaps = coverage["gaps"]!.AsArray();
        Assert.Equal(111 - covered, gaps.Sum(g => g!["countiesWithoutPoint"]!.AsArray().Count));

        var technicians = (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{biggest}/technicians"))!;
        Assert.True(technicians.Count > 100);
        var certificates = technicians.SelectMany(t => t!["certificates"]!.AsArray()).ToList();
        Assert.Contains(certificates, c => !c!["valid"]!.GetValue<bool>());
        Assert.True(certificates.Count(c => c!["valid"]!.GetValue<bool>()) > certificates.Count / 2);
        var points = (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{biggest}/service-points"))!;
        Assert.Equal(covered, points.Select(p => p!["countyCode"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task DemoNetwork_LeavesXilinUncoveredByAnyIntegrator_AndMostCountiesCovered()
    {
        var api = await AdminAsync();
        var counties = (await api.GetFromJsonAsync<JsonObject>("/api/coverage"))!["counties"]!.AsArray();
        Assert.Equal(111, counties.Count);
        Assert.Equal(0, counties.Single(c => c!["countyCode"]!.GetValue<string>() == "451030")!["covering"]!.GetValue<int>());
        Assert.InRange(counties.Count(c => c!["covering"]!.GetValue<int>() == 0), 1, 10);
        // Every city seat is covered by all three active integrators.
        Assert.Equal(3, counties.Single(c => c!["countyCode"]!.GetValue<string>() == "450102")!["covering"]!.GetValue<int>());
    }

    [Fact]
    public async Task EnterpriseManager_SeesOnlyOwnEnterprise()
    {
        var manager = await LoginAsync("manager@xinchuang.local");
        var visible = (await manager.GetFromJsonAsync<JsonArray>("/api/enterprises"))!;
        var own = Assert.Single(visible)!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/enterprises/{own}/coverage")).StatusCode);

        var all = (await (await AdminAsync()).GetFromJsonAsync<JsonArray>("/api/enterprises"))!;
        var other = all.First(e => e!["id"]!.GetValue<string>() != own)!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/enterprises/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/enterprises/{other}/technicians")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/enterprises/{other}/coverage")).StatusCode);

        var coordinator = await LoginAsync("nanning@xinchuang.local");
        Assert.Equal(all.Count, (await coordinator.GetFromJsonAsync<JsonArray>("/api/enterprises"))!.Count);
    }
}
