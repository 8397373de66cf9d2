using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using XinchuangFlow.Web.Components.Layout;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// The navigation drawer links exactly the pages the user may open: for each demo role, the links of the rendered menu
/// are the menu's pages that the server opens for that role (and not one it refuses), and those are the pages we expect.
/// </summary>
public sealed partial class MenuTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string Everyone = "/ /inbox /me /knowledge /rules";

    public static TheoryData<string, string> Roles => new()
    {
        { "admin@xinchuang.local", Everyone + " /hotline /mailbox /dashboard /kpis /assessment /supervision /network /coverage /liaisons /buildout /workflows /instances /notifications /platforms /users /audit" },
        { "supervisor@xinchuang.local", Everyone + " /dashboard /kpis /assessment /supervision /network /coverage /liaisons /buildout /workflows /notifications /audit" },
        { "dispatcher@xinchuang.local", Everyone + " /hotline /mailbox /dashboard /liaisons" },
        { "integrator@xinchuang.local", Everyone + " /hotline /mailbox /dashboard /liaisons" },
        { "tech@xinchuang.local", Everyone + " /dashboard /m /liaisons" },
        { "unit@xinchuang.local", Everyone + " /portal" },
        { "vendor@xinchuang.local", Everyone + " /liaisons" },
        { "manager@xinchuang.local", Everyone + " /dashboard /kpis /assessment /supervision /network /coverage /liaisons /buildout" },
        { "nanning@xinchuang.local", Everyone + " /dashboard /kpis /assessment /supervision /network /coverage /liaisons /buildout" },
        { "liuzhou@xinchuang.local", Everyone + " /dashboard /kpis /assessment /supervision /network /coverage /liaisons /buildout" },
    };

    /// <summary>
    /// The rules entry is for everyone, so it must lead everyone to rules they may read: the overview for the Data Bureau
    /// and the Intranet Office, a coordinator's own city, the regional rules (read-only) for every other role.
    /// </summary>
    [Theory]
    [InlineData(Application.Access.Roles.DataBureauAdmin, null, null)]
    [InlineData(Application.Access.Roles.IntranetSupervisor, null, null)]
    [InlineData(Application.Access.Roles.MunicipalCoordinator, "4502", "4502")]
    [InlineData(Application.Access.Roles.Dispatcher, null, "region")]
    [InlineData(Application.Access.Roles.Technician, null, "region")]
    [InlineData(Application.Access.Roles.ProcurementUser, "4501", "region")]
    public void TheRulesEntry_StartsEachRoleAtRulesItMayRead(string role, string? city, string? expected)
    {
        var access = factory.Services.GetRequiredService<Application.Access.AccessService>();
        var actor = Application.Access.Actor.Of("someone@xinchuang.local", [role], cityCode: city);
        var start = access.RulesStartScope(actor);
        Assert.Equal(expected, start);
        if (start is not null) Assert.True(access.MayReadRules(actor, start));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task TheMenu_LinksExactlyThePagesTheRoleMayOpen(string email, string expected)
    {
        var client = await SignedInAsync(email, email == "admin@xinchuang.local" ? "Admin#2026xf" : "Demo#2026xf");

        // The drawer as every page of the main layout draws it (the home sends a technician on to the phone pages).
        var page = await client.GetStringAsync("/me");
        var links = NavLink().Matches(page).Select(m => m.Groups["href"].Value).ToHashSet();

        var opens = new HashSet<string>();
        foreach (var entry in MainMenu.Entries)
        {
            // A refusal is a redirect to the no-access page; a page may also send the user on (the rules page to a
            // coordinator's own city), which is opening it.
            var response = await client.GetAsync(entry.Href);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{email} {entry.Href}: {response.StatusCode}");
            var refused = response.StatusCode == HttpStatusCode.Redirect
                          && new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath == "/no-access";
            if (!refused) opens.Add(entry.Href);
        }

        Assert.Equal(opens.Order(), links.Order());
        Assert.Equal(expected.Split(' ').Order(), links.Order());
    }

    /// <summary>A client that sends the user's bearer token and does not follow redirects (a refusal is one).</summary>
    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A link of the drawer (MudNavLink renders an anchor with the class mud-nav-link).</summary>
    [GeneratedRegex("""<a\b(?=[^>]*\bclass="[^"]*\bmud-nav-link\b)[^>]*\bhref="(?<href>[^"]*)"[^>]*>""")]
    private static partial Regex NavLink();
}
