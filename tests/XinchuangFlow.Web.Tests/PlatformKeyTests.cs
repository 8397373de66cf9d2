using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests;

/// <summary>Other platforms with API keys (INT-4): issued by the Data Bureau, shown once, stored hashed, revocable.</summary>
public class PlatformKeyTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private HttpClient WithKey(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Fact]
    public async Task APlatformFilesAndFollowsATicketWithItsKey_UntilTheKeyIsRevoked()
    {
        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var issued = await admin.PostAsJsonAsync("/api/platforms", new JsonObject { ["name"] = "广西政务服务平台" });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var body = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = body["key"]!.GetValue<string>();
        Assert.StartsWith("xfk_", key);

        // Stored as a hash: the key itself is nowhere in the database.
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            var row = await db.PlatformClients.SingleAsync(c => c.Prefix == body["prefix"]!.GetValue<string>());
            var sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
            Assert.Equal(sha256, row.KeyHash);
            Assert.DoesNotContain(key, new[] { row.Name, row.Prefix, row.KeyHash, row.CreatedBy });
        }

        // The platform files a request for a unit and follows it.
        await using var db2 = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        var unit = await db2.ProcurementUnits.FirstAsync(u => u.Name == "南宁市财政局");
        var platform = WithKey(key);
        var created = await platform.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["channel"] = "api", ["externalId"] = "GXZW-2026-000123", ["procurementUnitId"] = unit.Id.ToString(), ["contactName"] = "平台转办", ["contactPhone"] = "0771-5550199",
            ["cityCode"] = "4501", ["countyCode"] = unit.CountyCode, ["productCategory"] = "terminal", ["impact"] = "single",
            ["title"] = "政务平台转来：终端无法开机", ["description"] = "由广西政务服务平台转来。",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("api", ticket["channel"]!.GetValue<string>());
        Assert.Equal("南宁市财政局", ticket["procurementUnit"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await platform.GetAsync($"/api/tickets/{ticket["number"]}")).StatusCode);
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/platforms"))!.Single(p => p!["prefix"]!.GetValue<string>() == body["prefix"]!.GetValue<string>())!;
        Assert.NotNull(listed["lastUsedAt"]);
        // A platform's key manages no keys.
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.PostAsJsonAsync("/api/platforms", new JsonObject { ["name"] = "自己发钥匙" })).StatusCode);

        // A wrong key, a malformed one and, after revocation, the right one: 401.
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithKey(key[..^2] + "xx").GetAsync("/api/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithKey("not-a-key").GetAsync("/api/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/platforms/{body["id"]}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.GetAsync("/api/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/platforms/{body["id"]}/revoke", null)).StatusCode);

        // Only the Data Bureau issues keys.
        var coordinator = await factory.LoginAsync("nanning@xinchuang.local", "Demo#2026xf");
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync("/api/platforms", new JsonObject { ["name"] = "x" })).StatusCode);
    }
}
