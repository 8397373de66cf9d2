using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using XinchuangFlow.Infrastructure.Persistence;
using Xunit.Abstractions;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// Issue 21 §1: every text a person reads is in the language they chose. Signs in as each demo role, in Chinese and in
/// English, opens every page of the menu and a ticket's page, and reads the page's text: no text of the other language
/// (the data people typed — titles, names, units, places — aside), no raw resource keys, ISO durations, GUIDs or JSON,
/// and nobody else by their login: a person is shown by name (the account administration, which manages logins, aside).
/// </summary>
public sealed partial class LanguageBrowserTests(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const string Demo = "Demo#2026xf";

    public static TheoryData<string, string> Roles() => new()
    {
        { "admin@xinchuang.local", "zh-CN" }, { "admin@xinchuang.local", "en" },
        { "dispatcher@xinchuang.local", "zh-CN" }, { "dispatcher@xinchuang.local", "en" },
        { "integrator@xinchuang.local", "zh-CN" }, { "integrator@xinchuang.local", "en" },
        { "tech@xinchuang.local", "zh-CN" }, { "tech@xinchuang.local", "en" },
        { "unit@xinchuang.local", "zh-CN" }, { "unit@xinchuang.local", "en" },
        { "vendor@xinchuang.local", "zh-CN" }, { "vendor@xinchuang.local", "en" },
        { "manager@xinchuang.local", "zh-CN" }, { "manager@xinchuang.local", "en" },
        { "nanning@xinchuang.local", "zh-CN" }, { "nanning@xinchuang.local", "en" },
        { "supervisor@xinchuang.local", "zh-CN" }, { "supervisor@xinchuang.local", "en" },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPageOfTheRole_SpeaksTheChosenLanguage(string user, string culture)
    {
        var data = await DataTextsAsync();
        var logins = await LoginsAsync(user);
        var page = await app.SignedInPageAsync(user, user.StartsWith("admin", StringComparison.Ordinal) ? "Admin#2026xf" : Demo,
            new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await page.GotoAsync($"/culture/set?culture={culture}&redirectUri=/");
        await AppFixture.WaitLiveAsync(page);
        var links = (await page.Locator("nav a[href], .mud-navmenu a[href]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))"))
            .Where(h => h.StartsWith('/') && !h.StartsWith("/culture", StringComparison.Ordinal) && !h.StartsWith("/api", StringComparison.Ordinal)).Distinct().ToList();
        var found = new List<string>();
        // The menu's pages, then the first page each kind of link leads to from them (a ticket, a complaint, a rule
        // kind's page, a flow's designer or history, an instance, a phone page, a form of the portal).
        var queue = new Queue<string>(links.Prepend("/"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var followed = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0 && seen.Count < 40)
        {
            var href = queue.Dequeue();
            if (!seen.Add(href)) continue;
            await page.GotoAsync(href);
            await AppFixture.WaitLiveAsync(page);
            await page.WaitForTimeoutAsync(300);
            var readable = await ReadableTextAsync(page);
            if (readable.Trim().Length < 10) found.Add($"{href}: no text read");      // the check itself must see the page
            var others = href.StartsWith("/users", StringComparison.Ordinal) ? new HashSet<string>() : logins;
            foreach (var problem in Problems(readable, culture == "en", data, others)) found.Add($"{href}: {problem}");
            foreach (var (opened, text) in await OpenDialogsAsync(page))
            {
                output.WriteLine($"read {href} ({opened})");
                foreach (var problem in Problems(text, culture == "en", data, others)) found.Add($"{href} ({opened}): {problem}");
            }
            var hrefs = await page.Locator("main a[href], .mud-main-content a[href]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
            foreach (var deep in hrefs.Where(h => h is not null && h.StartsWith('/') && !h.StartsWith("/api", StringComparison.Ordinal) && !h.StartsWith("/culture", StringComparison.Ordinal)))
            {
                var kind = DeepKind(deep);
                if (kind is not null && followed.Add(kind)) queue.Enqueue(deep);
            }
        }
        foreach (var f in found.Distinct()) output.WriteLine(f);
        Assert.True(found.Count == 0, $"{user} in {culture}:\n" + string.Join("\n", found.Distinct().Take(80)));
    }

    /// <summary>
    /// The page's text without what an author wrote at length (an article's symptom, cause, steps and its search
    /// fragments, marked <c>data-authored</c> by the page): that is written in its author's language, like a ticket's title.
    /// Nor identifiers shown as such beside what they identify (<c>data-identifier</c>: the address a message went to, an
    /// audited account's login next to its person's name).
    /// </summary>
    private static Task<string> ReadableTextAsync(IPage page) => page.EvaluateAsync<string>(
        "() => { const copy = document.body.cloneNode(true); copy.querySelectorAll('[data-authored], [data-identifier]').forEach(e => e.remove()); document.body.appendChild(copy); copy.style.position = 'absolute'; const text = copy.innerText; copy.remove(); return text; }");

    /// <summary>
    /// Opens what the page opens on a click and reads it: each ticket action's dialog (then cancels it), and the first
    /// task of an inbox in its side panel with its form.
    /// </summary>
    private static async Task<List<(string Opened, string Text)>> OpenDialogsAsync(IPage page)
    {
        var texts = new List<(string, string)>();
        var actions = page.Locator("[data-testid=ticket-actions] button");
        for (var i = 0; i < await actions.CountAsync(); i++)
        {
            var button = actions.Nth(i);
            var name = await button.GetAttributeAsync("data-testid") ?? $"action {i}";
            if (!await button.IsEnabledAsync()) continue;
            await button.ClickAsync();
            await page.Locator(".mud-dialog").First.WaitForAsync();
            texts.Add((name, await page.Locator(".mud-dialog").First.InnerTextAsync()));
            await page.Locator("[data-testid=action-cancel]").ClickAsync();
            await page.Locator(".mud-dialog").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        }
        var open = page.Locator("[data-testid=inbox] button[data-testid^=open-]");
        if (await open.CountAsync() > 0)
        {
            await open.First.ClickAsync();
            await page.Locator("[data-testid=open-task]").First.WaitForAsync();
            texts.Add(("task panel", await page.Locator("[data-testid=open-task]").First.InnerTextAsync()));
        }
        return texts;
    }

    /// <summary>Which kind of deep page a link leads to (one of each is read), or null for a page of the menu.</summary>
    private static string? DeepKind(string href)
    {
        var path = href.Split('?')[0].TrimEnd('/');
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["tickets", _] => "ticket",
            ["complaints", _] => "complaint",
            ["m", _] => "phone-ticket",
            ["rules", var kind, ..] => "rules-" + kind,
            ["workflows", _, var view] => "flow-" + view,
            ["instances", _] => "instance",
            ["portal", var form, ..] => "portal-" + form,
            _ => null,
        };
    }

    private static IEnumerable<string> Problems(string text, bool english, IReadOnlyList<string> data, IReadOnlySet<string> logins)
    {
        // Addresses people typed (a contact's, a mail's sender) are data; another user's login where their name belongs is not.
        foreach (Match m in Email().Matches(text))
            if (logins.Contains(m.Value)) yield return "login " + Around(text, m.Index);
        foreach (var d in data) text = text.Replace(d, " ", StringComparison.Ordinal);
        text = Email().Replace(text, " ");
        text = TicketNumber().Replace(text, " ");
        foreach (Match m in Iso().Matches(text)) yield return "ISO duration " + m.Value;
        foreach (Match m in GuidPattern().Matches(text)) yield return "GUID " + m.Value;
        foreach (Match m in JsonPattern().Matches(text)) yield return "JSON " + Around(text, m.Index);
        foreach (Match m in ResourceKey().Matches(text)) yield return "resource key " + m.Value;
        if (english)
            foreach (Match m in Cjk().Matches(text)) yield return "Chinese " + Around(text, m.Index);
        else
            foreach (Match m in LatinWord().Matches(text))
                if (!Allowed.Contains(m.Value)) yield return "English " + Around(text, m.Index);
    }

    /// <summary>Product names, brands, models and abbreviations a Chinese page may carry.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "XinchuangFlow", "English", "UOS", "WPS", "Kylin", "CPU", "API", "SLA", "SMS", "IMAP", "SMTP", "JSON", "Excel", "CSV", "PDF", "ICS", "SM3", "SM4",
        "GBase", "openGauss", "TongWeb", "Apusic", "VPN", "OFD", "USB", "MudBlazor", "Liuzhou", "Api", "Key",
    };

    private static string Around(string text, int at) => text.Substring(Math.Max(0, at - 20), Math.Min(60, text.Length - Math.Max(0, at - 20))).ReplaceLineEndings(" ");

    /// <summary>The logins of every account but the reader's own (the header names the reader by theirs).</summary>
    private async Task<IReadOnlySet<string>> LoginsAsync(string reader)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        var logins = await db.Users.AsNoTracking().Select(u => u.UserName!).ToListAsync();
        return logins.Where(l => !string.Equals(l, reader, StringComparison.OrdinalIgnoreCase)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every text people typed or the shipped reference data holds (names, titles, units, places), longest first.</summary>
    private async Task<IReadOnlyList<string>> DataTextsAsync()
    {
        var texts = new HashSet<string>(StringComparer.Ordinal);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        foreach (var d in Domain.Network.GuangxiDivisions.Shipped.Cities.Concat(Domain.Network.GuangxiDivisions.Shipped.Counties)) texts.Add(d.Name);
        foreach (var t in await db.Tickets.AsNoTracking().Select(t => new { t.Title, t.Description, t.ProcurementUnit, t.ContactName, t.TechnicianName, t.Resolution, t.FeedbackComment, t.FollowUpNote }).ToListAsync())
            foreach (var s in new[] { t.Title, t.Description, t.ProcurementUnit, t.ContactName, t.TechnicianName, t.Resolution, t.FeedbackComment, t.FollowUpNote }) if (s is { Length: > 0 }) texts.Add(s);
        foreach (var s in await db.Definitions.AsNoTracking().Select(d => d.Name).ToListAsync()) texts.Add(s);
        foreach (var s in await db.Enterprises.AsNoTracking().Select(e => e.Name).ToListAsync()) texts.Add(s);
        foreach (var s in await db.Technicians.AsNoTracking().Select(e => e.Name).ToListAsync()) texts.Add(s);
        foreach (var s in await db.ServicePoints.AsNoTracking().Select(e => e.Name).ToListAsync()) texts.Add(s);
        foreach (var s in await db.Notifications.AsNoTracking().Select(n => n.Subject).ToListAsync()) if (s is { Length: > 0 }) texts.Add(s);
        foreach (var c in await db.Complaints.AsNoTracking().Select(c => c.Description).ToListAsync()) if (c is { Length: > 0 }) texts.Add(c);
        foreach (var u in await db.ProcurementUnits.AsNoTracking().Select(u => u.Name).ToListAsync()) if (u is { Length: > 0 }) texts.Add(u);
        // What enterprises and the Data Bureau wrote in the assessment: objections, evidence, rulings, reasons.
        foreach (var r in await db.AssessmentResults.AsNoTracking().Select(r => new { r.Objection, r.Evidence, r.RulingReason }).ToListAsync())
            foreach (var s in new[] { r.Objection, r.Evidence, r.RulingReason }) if (s is { Length: > 0 }) texts.Add(s);
        foreach (var s in await db.AssessmentRounds.AsNoTracking().Select(r => r.Reason).ToListAsync()) if (s is { Length: > 0 }) texts.Add(s);
        foreach (var s in await db.ShortlistDecisions.AsNoTracking().Select(d => d.Reason).ToListAsync()) if (s is { Length: > 0 }) texts.Add(s);
        // What the issuers of supervision notices wrote, and the enterprises' answers.
        foreach (var n in await db.SupervisionNotices.AsNoTracking().Select(n => new { n.Reason, n.Answer }).ToListAsync())
            foreach (var s in new[] { n.Reason, n.Answer }) if (s is { Length: > 0 }) texts.Add(s);
        foreach (var m in await db.MailMessages.AsNoTracking().Select(m => m.Subject).ToListAsync()) if (m is { Length: > 0 }) texts.Add(m);
        // What people typed, kept in a case step's data (a reason, a comment, a caller's words, a place, a vendor's answer).
        foreach (var e in await db.CaseEvents.AsNoTracking().Select(e => new { e.Kind, e.Note, e.Data }).ToListAsync())
        {
            if ((e.Kind is "answer" or "status" or "mail" or "filed" or "escalated" or "followup" || e.Kind.StartsWith("assessment-", StringComparison.Ordinal)
                 || e.Kind.StartsWith("supervision-", StringComparison.Ordinal)) && e.Note is { Length: > 0 }) texts.Add(e.Note);
            if (e.Data is { Length: > 1 } json && json[0] == '{' && System.Text.Json.Nodes.JsonNode.Parse(json) is System.Text.Json.Nodes.JsonObject d)
                foreach (var key in new[] { "reason", "comment", "note", "location", "description", "technician", "vendor", "title" })
                    if (d[key] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var typed) && typed.Length > 0) texts.Add(typed);
        }
        // The names the grading rules give their rows, and the words they look for (the explanation quotes both).
        foreach (var json in await db.RuleSets.AsNoTracking().Where(r => r.Kind == "grading").Select(r => r.Json).ToListAsync())
            if (System.Text.Json.Nodes.JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })?["rows"] is System.Text.Json.Nodes.JsonArray rows)
                foreach (var row in rows.OfType<System.Text.Json.Nodes.JsonObject>())
                {
                    if (row["id"]?.GetValue<string>() is { Length: > 0 } id) texts.Add(id);
                    foreach (var word in row["keywordsAny"] as System.Text.Json.Nodes.JsonArray ?? []) if (word?.GetValue<string>() is { Length: > 0 } w) texts.Add(w);
                }
        foreach (var s in await db.Deliveries.AsNoTracking().Select(d => d.Subject).ToListAsync()) if (s is { Length: > 0 }) texts.Add(s);
        // What authors wrote in the knowledge base (titles, steps, reviewers' comments).
        foreach (var r in await db.KnowledgeRevisions.AsNoTracking().Select(r => new { r.Title, r.ReviewComment }).ToListAsync())
            foreach (var t in new[] { r.Title, r.ReviewComment }) if (t is { Length: > 0 }) texts.Add(t);
        foreach (var s in await db.MailMessages.AsNoTracking().Select(m => m.FromName).ToListAsync()) if (s is { Length: > 0 }) texts.Add(s);
        foreach (var s in await db.Users.AsNoTracking().Select(u => u.DisplayName).ToListAsync()) if (s is { Length: > 0 }) texts.Add(s);
        texts.Add("中文");                                   // the language switch names the other language in its own
        return texts.OrderByDescending(t => t.Length).ToList();
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")] private static partial Regex Email();
    [GeneratedRegex(@"\b[A-Z]{1,4}-?\d{6,}[-\d]*\b")] private static partial Regex TicketNumber();
    [GeneratedRegex(@"\bP(\d+D)?T\d+[HMS]\w*\b")] private static partial Regex Iso();
    [GeneratedRegex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", RegexOptions.IgnoreCase)] private static partial Regex GuidPattern();
    [GeneratedRegex(@"\{\s*""\w+""\s*:")] private static partial Regex JsonPattern();
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+\.[A-Z][A-Za-z]+(\.[A-Za-z]+)*\b")] private static partial Regex ResourceKey();
    [GeneratedRegex(@"[\u4e00-\u9fff]+")] private static partial Regex Cjk();
    [GeneratedRegex(@"\b[A-Za-z]{3,}\b")] private static partial Regex LatinWord();
}
