using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Web.Tests;

/// <summary>User administration through the API: accounts opened with a role and tenant, temporary passwords, disabling, the audit trail.</summary>
public class UserAdminTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string Admin = "admin@xinchuang.local", AdminPassword = "Admin#2026xf";

    private async Task<HttpResponseMessage> LoginRawAsync(string email, string password) =>
        await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password });

    [Fact]
    public async Task TheBureauOpensACoordinatorsAccount_TheTemporaryPasswordMustBeChanged_TheScopeIsTheirCity_AndEveryStepIsAudited()
    {
        var admin = await factory.LoginAsync(Admin, AdminPassword);
        const string email = "wuzhou.coordinator@xinchuang.local";
        var created = await admin.PostAsJsonAsync("/api/users", new { email = "Wuzhou.Coordinator@xinchuang.local", displayName = "梧州市统筹协调单位", role = "MunicipalCoordinator", cityCode = "4504" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(email, body["account"]!["userName"]!.GetValue<string>());                 // logins are kept in lower case
        var temporary = body["temporaryPassword"]!.GetValue<string>();
        Assert.Equal(14, temporary.Length);

        // The temporary password opens nothing until it is changed.
        var first = await LoginRawAsync(email, temporary);
        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal("password-expired", (await first.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        const string own = "Wuzhou#2026pass";
        Assert.Equal(HttpStatusCode.NoContent, (await factory.CreateClient().PostAsJsonAsync("/api/auth/password", new { email, currentPassword = temporary, newPassword = own })).StatusCode);
        var coordinator = await factory.LoginAsync(email, own);
        var tickets = (await coordinator.GetFromJsonAsync<JsonObject>("/api/tickets?take=200"))!["items"]!.AsArray();
        Assert.All(tickets, t => Assert.Equal("4504", t!["cityCode"]!.GetValue<string>()));
        // Another city's ticket, which the Bureau sees, is not there for Wuzhou's coordinator.
        var elsewhere = (await admin.GetFromJsonAsync<JsonObject>("/api/tickets?take=200"))!["items"]!.AsArray()
            .First(t => t!["cityCode"]!.GetValue<string>() != "4504")!["number"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/tickets/{elsewhere}")).StatusCode);

        // Disabled: the right password no longer signs in; enabled again, it does.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{email}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginRawAsync(email, own)).StatusCode);
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/users?text=wuzhou"))!;
        Assert.True(Assert.Single(listed)!["disabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{email}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginRawAsync(email, own)).StatusCode);

        // A reset replaces the password with one that must be changed at once.
        var reset = (await (await admin.PostAsync($"/api/users/{email}/reset-password", null)).Content.ReadFromJsonAsync<JsonObject>())!["temporaryPassword"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginRawAsync(email, own)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await LoginRawAsync(email, reset)).StatusCode);

        var audit = (await admin.GetFromJsonAsync<JsonObject>($"/api/audit?kind=user&id={email}&take=50"))!["items"]!.AsArray();
        var byAdmin = audit.Where(l => l!["user"]!.GetValue<string>() == Admin).Select(l => l!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["reset-password", "enable", "disable", "create"], byAdmin);
        var disable = audit.First(l => l!["action"]!.GetValue<string>() == "disable")!;
        Assert.Contains("\"Disabled\":false", disable["before"]!.GetValue<string>());
        Assert.Contains("\"Disabled\":true", disable["after"]!.GetValue<string>());
        Assert.DoesNotContain(audit, l => (l!["after"]?.GetValue<string>() ?? "").Contains(temporary) || (l["after"]?.GetValue<string>() ?? "").Contains(reset));
    }

    [Fact]
    public async Task BadAccounts_AreRefusedWithTheReasonPerField_AndNothingIsCreated()
    {
        var admin = await factory.LoginAsync(Admin, AdminPassword);
        async Task<JsonObject> RefusedAsync(object body)
        {
            var response = await admin.PostAsJsonAsync("/api/users", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        }
        Assert.True((await RefusedAsync(new { email = "not-an-address", displayName = "某人", role = "IntranetSupervisor" })).ContainsKey("email"));
        Assert.True((await RefusedAsync(new { email = "coord@xinchuang.local", displayName = "某人", role = "MunicipalCoordinator" })).ContainsKey("cityCode"));
        Assert.True((await RefusedAsync(new { email = "coord@xinchuang.local", displayName = "某人", role = "MunicipalCoordinator", cityCode = "9999" })).ContainsKey("cityCode"));
        Assert.True((await RefusedAsync(new { email = "mgr@xinchuang.local", displayName = "某人", role = "EnterpriseManager", enterpriseId = Guid.NewGuid() })).ContainsKey("enterpriseId"));
        Assert.True((await RefusedAsync(new { email = "u@xinchuang.local", displayName = "某人", role = "ProcurementUser", unitId = Guid.NewGuid() })).ContainsKey("unitId"));
        Assert.True((await RefusedAsync(new { email = "t@xinchuang.local", displayName = "某人", role = "Technician" })).ContainsKey("role"));
        Assert.True((await RefusedAsync(new { email = "nanning@xinchuang.local", displayName = "重复", role = "IntranetSupervisor" })).ContainsKey("email"));
        Assert.True((await RefusedAsync(new { email = "evil@xinchuang.local", displayName = "<script>\u202e", role = "IntranetSupervisor" })).ContainsKey("displayName"));
        foreach (var email in new[] { "coord@xinchuang.local", "mgr@xinchuang.local", "u@xinchuang.local", "t@xinchuang.local", "evil@xinchuang.local" })
            Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonArray>($"/api/users?text={email}"))!, u => u!["userName"]!.GetValue<string>() == email);
        // An administrator cannot lock themselves out.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/users/{Admin}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/users/nobody@xinchuang.local/reset-password", null)).StatusCode);
    }

    [Fact]
    public async Task AnAdministrator_CanNeitherDisableNorResetTheirOwnAccountFromTheList_WithACodedReasonInTheirLanguage()
    {
        var admin = await factory.LoginAsync(Admin, AdminPassword);
        foreach (var action in new[] { "disable", "reset-password" })
        {
            var refused = await admin.PostAsync($"/api/users/{Admin}/{action}", null);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var body = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("own-account", body["code"]!.GetValue<string>());
            Assert.Contains("自己的账号", body["errors"]!["userName"]![0]!.GetValue<string>());   // the code's text, not the English message
        }
        // The account still signs in with its password: nothing was reset.
        Assert.Equal(HttpStatusCode.OK, (await LoginRawAsync(Admin, AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task AfterAReset_TheForcedChangeRefusesThePasswordTheResetReplaced_AsWellAsTheCurrentOne()
    {
        var admin = await factory.LoginAsync(Admin, AdminPassword);
        const string email = "reuse.check@xinchuang.local", own = "Reuse#2026pass", next = "Fresh#2026pass";
        var created = (await (await admin.PostAsJsonAsync("/api/users", new { email, displayName = "复用检查", role = "IntranetSupervisor" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var first = created["temporaryPassword"]!.GetValue<string>();
        async Task<HttpResponseMessage> ChangeAsync(string current, string password) =>
            await factory.CreateClient().PostAsJsonAsync("/api/auth/password", new { email, currentPassword = current, newPassword = password });
        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(first, own)).StatusCode);

        var reset = (await (await admin.PostAsync($"/api/users/{email}/reset-password", null)).Content.ReadFromJsonAsync<JsonObject>())!["temporaryPassword"]!.GetValue<string>();
        foreach (var again in new[] { own, reset })
        {
            var refused = await ChangeAsync(reset, again);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("password-reused", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(reset, next)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginRawAsync(email, next)).StatusCode);
        // After an ordinary change, too, the password just replaced cannot come straight back.
        Assert.Equal(HttpStatusCode.BadRequest, (await ChangeAsync(next, reset)).StatusCode);
    }
}
