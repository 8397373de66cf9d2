using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace XinchuangFlow.Web.Tests;

/// <summary>Addresses a person types or is sent to: an unknown one, the login form's own address, a refused sign-in.</summary>
public class PageAddressTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private HttpClient Browser()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml");
        return client;
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/workflows/x/y/z")]
    public async Task AnUnknownAddress_ShowsTheAppsOwnNotFoundPage_WithTheWayHome_AndKeeps404(string path)
    {
        var response = await Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"page-not-found\"", html);
        Assert.Contains("没有这个页面", html);                  // in the reader's language (Chinese by default)
        Assert.Contains("data-testid=\"not-found-home\"", html);
        Assert.Contains("data-testid=\"drawer\"", html);         // inside the app's layout
    }

    [Fact]
    public async Task TheApi_AndCallersNotAskingForAPage_KeepTheirPlain404()
    {
        var api = await Browser().GetAsync("/api/nope");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("page-not-found", await api.Content.ReadAsStringAsync());
        var plain = await factory.CreateClient().GetAsync("/nope");
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.DoesNotContain("page-not-found", await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpeningTheLoginFormsAddress_LeadsToTheLoginPage()
    {
        var response = await Browser().GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
        var back = await Browser().GetAsync("/account/login?returnUrl=%2Finbox");
        Assert.Equal("/login?returnUrl=%2Finbox", back.Headers.Location!.OriginalString);
        var away = await Browser().GetAsync("/account/login?returnUrl=%2F%2Fevil.example");
        Assert.Equal("/login?returnUrl=%2F", away.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AWrongPassword_KeepsTheLoginTyped_SoOnlyThePasswordIsTypedAgain()
    {
        var client = Browser();
        var page = await client.GetStringAsync("/login");
        var token = Regex.Match(Regex.Match(page, "<input[^>]*__RequestVerificationToken[^>]*>").Value, "value=\"([^\"]+)\"").Groups[1].Value;
        var refused = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "dispatcher@xinchuang.local", ["password"] = "Wrong#2026xf", ["returnUrl"] = "/inbox", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var again = refused.Headers.Location!.OriginalString;
        Assert.StartsWith("/login?error=invalid", again);
        Assert.DoesNotContain("Wrong", again);                    // the password never travels back

        var html = await client.GetStringAsync(again);
        Assert.Matches("<input[^>]*name=\"email\"[^>]*value=\"dispatcher@xinchuang.local\"", html);
        Assert.Matches("<input[^>]*name=\"returnUrl\"[^>]*value=\"/inbox\"", html);
        Assert.Matches("<input[^>]*name=\"password\"[^>]*autofocus", html);
    }
}
