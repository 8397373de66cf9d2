using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using XinchuangFlow.Application.Exchange;
using XinchuangFlow.Application.Rules;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// The service data out in the exchange standard (DAT-3) on the demo data: the export meets the schema, holds every
/// ticket of the period in the caller's scope and nothing else, and says what happened to each ticket so faithfully that
/// the indicators computed from the export (folded as if reported) equal those of the tickets themselves; the Excel
/// workbook has the same tickets; other roles and other scopes are refused; bad formats and periods get a 400.
/// </summary>
public class ExchangeExportTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string DemoPassword = "Demo#2026xf";
    private static string Period => $"from={DateTime.UtcNow.AddDays(-200):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(2):yyyy-MM-dd}";

    private async Task<List<Ticket>> TicketsAsync(Func<IQueryable<Ticket>, IQueryable<Ticket>> scope)
    {
        var since = Domain.Time.ChinaTime.At(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-200)), TimeOnly.MinValue);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        return await scope(db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= since)).ToListAsync();
    }

    private static IEnumerable<JsonObject> TicketRecords(JsonNode export) =>
        export["records"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["type"]!.GetValue<string>() == "ticket");

    [Fact]
    public async Task TheDataBureausExport_MeetsTheStandard_AndCountsExactlyAsTheTicketsDo()
    {
        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var answer = await admin.GetAsync($"/api/exchange/v1/export?format=json&{Period}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains(".json", answer.Content.Headers.ContentDisposition?.FileName ?? "");
        var text = await answer.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        Assert.Empty(ExchangeSchema.CheckExport(document.RootElement));
        var export = JsonNode.Parse(text)!;

        var tickets = await TicketsAsync(q => q);
        var exported = TicketRecords(export).Select(r => r["externalId"]!.GetValue<string>()).ToList();
        Assert.Equal(exported.Count, exported.Distinct().Count());
        Assert.Equal(tickets.Select(t => t.ExternalId ?? t.Number).Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("contactPhone", text);
        Assert.DoesNotContain("contactName", text);

        // Every platform ticket's export, folded as if an enterprise had reported it, gives the same indicators as the ticket.
        var own = tickets.Where(t => !t.IsReported).ToDictionary(t => t.Number);
        var eventsOf = export["records"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["type"]!.GetValue<string>() == "event")
            .ToLookup(r => r["externalId"]!.GetValue<string>(), r => r.Deserialize<ReportedEventData>(ReportedTicketFold.Json)!);
        var rules = factory.Services.GetRequiredService<IRuleSetStore>();
        var timeline = new RuleTimeline(await rules.VersionsAsync([RuleKinds.Sla, RuleKinds.Escalation, RuleKinds.Grading]));
        var divisions = factory.Services.GetRequiredService<GuangxiDivisions>();
        var now = DateTimeOffset.UtcNow;
        var folded = new List<Ticket>();
        foreach (var record in TicketRecords(export).Where(r => own.ContainsKey(r["externalId"]!.GetValue<string>())))
        {
            var number = record["externalId"]!.GetValue<string>();
            var header = record.Deserialize<ReportedTicketData>(ReportedTicketFold.Json)!;
            var events = eventsOf[number].ToList();
            Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Sequence));
            var ticket = new Ticket { Number = number };
            var (set, scope) = timeline.RulesAt(header.CityCode, header.CreatedAt);
            ReportedTicketFold.Apply(ticket, own[number].IntegratorId ?? Guid.Empty, header, events, set, scope, divisions, now);
            folded.Add(ticket);
            var original = own[number];
            Assert.Equal(original.Satisfaction, ticket.Satisfaction);
            Assert.Equal(original.ReopenCount, ticket.ReopenCount);
            Assert.Equal(original.Status == TicketStatus.AwaitingFeedback ? TicketStatus.Resolved : original.Status, ticket.Status);
        }
        Assert.True(folded.Count >= 10, $"the demo has platform tickets ({folded.Count})");
        Assert.Contains(folded, t => t.ReopenCount > 0);
        Assert.Contains(folded, t => t.RemoteHandled);

        var options = new KpiOptions(now, KpiOptions.DefaultComplaintClosure);
        var fromTickets = KpiCalculator.Compute(own.Values.Select(t => new KpiCase(t, [])).ToList(), options).Single(g => g.Dimension == "all");
        var fromExport = KpiCalculator.Compute(folded.Select(t => new KpiCase(t, [])).ToList(), options).Single(g => g.Dimension == "all");
        foreach (var code in new[] { Kpis.Tickets, Kpis.ResponseOnTime, Kpis.OnSiteOnTime, Kpis.ResolutionOnTime, Kpis.SatisfactionMean, Kpis.FirstTimeFix, Kpis.Reopened })
        {
            Assert.True(code == Kpis.Tickets || fromTickets[code].Denominator > 0, code);
            Assert.True((fromTickets[code].Value, fromTickets[code].Numerator, fromTickets[code].Denominator) == (fromExport[code].Value, fromExport[code].Numerator, fromExport[code].Denominator),
                $"{code}: tickets {fromTickets[code].Numerator}/{fromTickets[code].Denominator}, export {fromExport[code].Numerator}/{fromExport[code].Denominator}: "
                + string.Join(" | ", fromTickets[code].Against.Union(fromExport[code].Against).Except(fromTickets[code].Against.Intersect(fromExport[code].Against)).Take(3)
                    .Select(n => $"{n}: {string.Join(" ", eventsOf[n].Select(e => $"{e.Kind}@{e.At:MM-dd HH:mm}"))} ticket {own[n].ClocksJson} export {folded.Single(f => f.Number == n).ClocksJson}")));
        }

        // The workbook holds the same tickets, and their events.
        var workbook = await admin.GetAsync($"/api/exchange/v1/export?format=xlsx&{Period}");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        await using var file = new MemoryStream(await workbook.Content.ReadAsByteArrayAsync());
        Assert.Equal(["工单", "事件"], MiniExcel.GetSheetNames(file));
        var rows = MiniExcel.Query(file, useHeaderRow: true, sheetName: "工单").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(tickets.Count, rows.Count);
        var sample = own.Values.First(t => t.Status == TicketStatus.Closed && t.Satisfaction is not null);
        var row = rows.Single(r => (string?)r["工单编号"] == sample.Number);
        Assert.Equal("已关闭", row["状态"]);
        Assert.Equal(sample.Satisfaction, Convert.ToInt32(row["满意度"]));
        Assert.Equal(sample.ProcurementUnit, row["采购预算单位"]);
        var eventRows = MiniExcel.Query(file, useHeaderRow: true, sheetName: "事件").Cast<IDictionary<string, object?>>().Count();
        Assert.Equal(export["records"]!.AsArray().Count - tickets.Count, eventRows);
    }

    [Fact]
    public async Task EachRole_ExportsOnlyItsOwnScope_AndTheRestIsRefused()
    {
        var nanning = await factory.LoginAsync("nanning@xinchuang.local", DemoPassword);
        var city = JsonNode.Parse(await nanning.GetStringAsync($"/api/exchange/v1/export?{Period}"))!;
        var cityTickets = await TicketsAsync(q => q.Where(t => t.CityCode == "4501"));
        Assert.True(cityTickets.Count > 0);
        Assert.Equal(cityTickets.Count, TicketRecords(city).Count());
        Assert.All(TicketRecords(city), r => Assert.Equal("4501", r["cityCode"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await nanning.GetAsync($"/api/exchange/v1/export?{Period}&city=4502")).StatusCode);

        var manager = await factory.LoginAsync("manager@xinchuang.local", DemoPassword);
        Guid enterprise;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
            enterprise = (await db.Users.FirstAsync(u => u.UserName == "manager@xinchuang.local")).EnterpriseId!.Value;
        var own = JsonNode.Parse(await manager.GetStringAsync($"/api/exchange/v1/export?{Period}"))!;
        var ownTickets = await TicketsAsync(q => q.Where(t => t.IntegratorId == enterprise));
        Assert.Equal(ownTickets.Count, TicketRecords(own).Count());
        Assert.All(TicketRecords(own), r => Assert.Equal(enterprise.ToString(), r["enterprise"]!.GetValue<string>()));
        Assert.Contains(TicketRecords(own), r => !r["externalId"]!.GetValue<string>().StartsWith("GX-", StringComparison.Ordinal));
        Guid other;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
            other = await db.Enterprises.Where(e => e.Id != enterprise).Select(e => e.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/exchange/v1/export?{Period}&enterpriseId={other}")).StatusCode);

        foreach (var user in new[] { "unit@xinchuang.local", "tech@xinchuang.local", "dispatcher@xinchuang.local", "vendor@xinchuang.local" })
        {
            var client = await factory.LoginAsync(user, DemoPassword);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/exchange/v1/export?{Period}")).StatusCode);
        }
    }

    [Theory]
    [InlineData("format=csv&quarter=2026Q3", "format", "xlsx")]
    [InlineData("format=json&quarter=2026Q9", "quarter", "2026Q3")]
    [InlineData("format=xlsx&from=0001-01-01&to=0002-01-01", "period", "2100")]
    [InlineData("format=json&from=2025-01-01&to=2026-06-01", "period", "366")]
    [InlineData("format=json", "period", "")]
    public async Task BadExportRequests_GetAClear400(string query, string field, string said)
    {
        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var answer = await admin.GetAsync($"/api/exchange/v1/export?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var problem = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        var message = Assert.Single(problem["errors"]![field]!.AsArray())!.GetValue<string>();
        Assert.Contains(said, message);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message);
    }
}
