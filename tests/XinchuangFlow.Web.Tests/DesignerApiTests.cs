using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace XinchuangFlow.Web.Tests;

/// <summary>The designer's API: drafts with conflict detection, audit history, diff, roll back, and who may use it.</summary>
public class DesignerApiTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task DraftsAreGuardedAgainstOverwrites_AuditedWithComments_ComparedAndRolledBack()
    {
        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var v1 = (await admin.GetFromJsonAsync<JsonArray>("/api/workflow-definitions/demo-acceptance/versions"))!.Select(v => v!.AsObject()).MaxBy(v => v["version"]!.GetValue<int>())!;
        var json = JsonNode.Parse(await admin.GetStringAsync("/api/workflow-definitions/demo-acceptance"))!.AsObject();
        var baseVersion = v1["version"]!.GetValue<int>();

        // A work-in-progress draft may have problems (publishing checks them).
        json["activities"]!.AsArray().Add(new JsonObject { ["id"] = "loose", ["type"] = "xf.SetVariable", ["inputs"] = new JsonObject { ["variable"] = "title", ["value"] = "x" } });
        var hash = await HashOfAsync(admin, baseVersion);
        var saved = await admin.PutAsJsonAsync("/api/workflow-definitions/demo-acceptance/draft", new { definition = json, baseVersion, baseHash = hash, comment = "加一个还没连好的步骤" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var draft = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Draft", draft["status"]!.GetValue<string>());
        var publish = await admin.PostAsync("/api/workflow-definitions/demo-acceptance/publish", null);
        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);   // refused while problems remain

        // Saving again from the same (now stale) base is a conflict, not an overwrite.
        var stale = await admin.PutAsJsonAsync("/api/workflow-definitions/demo-acceptance/draft", new { definition = json, baseVersion, baseHash = hash, comment = "第二个编辑者" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("definition-conflict", (await stale.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());

        var history = (await admin.GetFromJsonAsync<JsonArray>("/api/workflow-definitions/demo-acceptance/history"))!;
        Assert.Contains(history, h => h!["action"]!.GetValue<string>() == "save-draft" && h["comment"]!.GetValue<string>() == "加一个还没连好的步骤" && h["user"]!.GetValue<string>() == "admin@xinchuang.local");
        var draftVersion = draft["version"]!.GetValue<int>();
        var diff = (await admin.GetFromJsonAsync<JsonArray>($"/api/workflow-definitions/demo-acceptance/diff?from={baseVersion}&to={draftVersion}"))!;
        Assert.Contains(diff, d => d!["kind"]!.GetValue<string>() == "activity-added" && d["activityId"]!.GetValue<string>() == "loose");

        var rolledBack = await admin.PostAsJsonAsync("/api/workflow-definitions/demo-acceptance/rollback", new { toVersion = baseVersion, comment = "撤回" });
        Assert.Equal(HttpStatusCode.OK, rolledBack.StatusCode);
        Assert.Equal(draftVersion, (await rolledBack.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());   // the draft is replaced by the old content
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/workflow-definitions/demo-acceptance/publish", null)).StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>($"/api/workflow-definitions/demo-acceptance/diff?from={baseVersion}&to={draftVersion}"))!);
        Assert.Contains((await admin.GetFromJsonAsync<JsonArray>("/api/workflow-definitions/demo-acceptance/history"))!, h => h!["action"]!.GetValue<string>() == "roll-back");
    }

    private static async Task<string> HashOfAsync(HttpClient admin, int version)
    {
        // The content hash is what the designer keeps from opening; the list of versions carries it.
        var versions = await admin.GetFromJsonAsync<JsonArray>("/api/workflow-definitions/demo-acceptance/versions");
        return versions!.First(v => v!["version"]!.GetValue<int>() == version)!["contentHash"]!.GetValue<string>();
    }

    [Fact]
    public async Task TheIntranetOfficeSupervisor_ReadsDefinitionsAndTheirHistory_ButChangesNothing()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<XinchuangFlow.Infrastructure.Persistence.AppUser>>();
            if (await users.FindByNameAsync("supervisor@xinchuang.local") is null)
            {
                var user = new XinchuangFlow.Infrastructure.Persistence.AppUser { UserName = "supervisor@xinchuang.local", Email = "supervisor@xinchuang.local", EmailConfirmed = true };
                Assert.True((await users.CreateAsync(user, "Demo#2026xf")).Succeeded);
                await users.AddToRoleAsync(user, XinchuangFlow.Application.Access.Roles.IntranetSupervisor);
            }
        }
        var supervisor = await factory.LoginAsync("supervisor@xinchuang.local", "Demo#2026xf");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/workflow-definitions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/workflow-definitions/service-ticket/history")).StatusCode);
        var json = JsonNode.Parse(await supervisor.GetStringAsync("/api/workflow-definitions/service-ticket"));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync("/api/workflow-definitions/service-ticket/draft", new { definition = json, baseVersion = 1, baseHash = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync("/api/workflow-definitions/service-ticket/publish", null)).StatusCode);
    }

    [Fact]
    public async Task TheUserPicker_FindsPeopleByLoginOrName_ForTheDesignersOnly()
    {
        var users = factory.Services.GetRequiredService<XinchuangFlow.Application.Access.UserDirectoryService>();
        var admin = XinchuangFlow.Application.Access.Actor.Of("admin@xinchuang.local", [XinchuangFlow.Application.Access.Roles.DataBureauAdmin]);
        Assert.Contains(await users.SearchAsync(admin, "tech@"), u => u.UserName == "tech@xinchuang.local");
        Assert.Contains(await users.SearchAsync(admin, "南宁市统筹"), u => u.UserName == "nanning@xinchuang.local");
        var tech = XinchuangFlow.Application.Access.Actor.Of("tech@xinchuang.local", [XinchuangFlow.Application.Access.Roles.Technician]);
        await Assert.ThrowsAsync<ForbiddenException>(() => users.SearchAsync(tech, "a"));
    }

    [Theory]
    [InlineData("tech@xinchuang.local")]
    [InlineData("manager@xinchuang.local")]
    [InlineData("nanning@xinchuang.local")]
    public async Task OnlyTheDataBureauManagesDefinitions(string user)
    {
        var api = await factory.LoginAsync(user, "Demo#2026xf");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/workflow-definitions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/workflow-definitions/service-ticket/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync("/api/workflow-definitions/service-ticket/rollback", new { toVersion = 1 })).StatusCode);
        Assert.True(factory.Logs.RefusalsOf(user) >= 3);
    }

    [Fact]
    public async Task APageTheRoleMayNotOpen_SaysNoAccess_AndTheRefusalIsLogged()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/login");
        var input = System.Text.RegularExpressions.Regex.Match(page, "<input[^>]*__RequestVerificationToken[^>]*>").Value;
        var token = System.Text.RegularExpressions.Regex.Match(input, "value=\"([^\"]+)\"").Groups[1].Value;
        var login = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "tech@xinchuang.local", ["password"] = "Demo#2026xf", ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var before = factory.Logs.RefusalsOf("tech@xinchuang.local");
        foreach (var path in new[] { "/workflows/service-ticket/design", "/workflows/service-ticket/heatmap", "/instances" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/no-access", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
        }
        Assert.Equal(before + 3, factory.Logs.RefusalsOf("tech@xinchuang.local"));
    }
}
