using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Tests;

/// <summary>The shipped rule files, rule validation, and what intake accepts.</summary>
public class RulesAndRequestTests
{
    private static string Shipped(string kind) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", kind + ".json"));

    [Fact]
    public void ShippedRules_Parse_WithThePlansDefaults()
    {
        var sla = SlaRules.Parse(Shipped("sla"));
        Assert.Equal(TimeSpan.FromMinutes(30), sla.ResponseTarget(Grade.P1));
        Assert.Equal(TimeSpan.FromHours(72), sla.ResolutionTarget(Grade.P4));
        var qingxiu = GuangxiDivisions.Shipped.Counties.Single(c => c.Name == "青秀区").Code;
        var liuzhou = GuangxiDivisions.Shipped.CountiesOf("4502")[0].Code;
        Assert.Equal(TimeSpan.FromHours(4), sla.OnSiteTarget(qingxiu, GuangxiDivisions.Shipped.CountiesOf("4501")[1].Code, Grade.P3, GuangxiDivisions.Shipped, "region").Target);
        Assert.Equal(TimeSpan.FromHours(12), sla.OnSiteTarget(qingxiu, liuzhou, Grade.P3, GuangxiDivisions.Shipped, "region").Target);
        Assert.True(sla.WorkingCalendar.IsNatural);
        Assert.Equal([50, 80, 100], EscalationRules.Parse(Shipped("escalation")).Levels.Select(l => l.Percent).ToArray());
        Assert.Equal(3, DispatchRules.Parse(Shipped("dispatch")).RequiredLevel["P1"]);
        foreach (var kind in RuleKinds.All) RuleBook.Validate(kind, Shipped(kind), new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void BrokenRules_AreRefusedWithEveryProblemNamed()
    {
        var sla = Assert.Throws<InvalidDataException>(() => SlaRules.Parse("""{"response":{"P1":"soon"},"calendar":"office"}"""));
        Assert.Contains("response.P1: 'soon' is not an ISO 8601 duration", sla.Message);
        Assert.Contains("resolution.P4 is missing", sla.Message);
        Assert.Contains("calendar 'office' is not defined", sla.Message);
        var escalation = Assert.Throws<InvalidDataException>(() => EscalationRules.Parse("""{"levels":[{"percent":50,"roles":[]},{"percent":50,"roles":["Dispatcher"]}]}"""));
        Assert.Contains("tells nobody", escalation.Message);
        Assert.Contains("appears twice", escalation.Message);
        Assert.Throws<InvalidDataException>(() => RuleBook.Validate("sla", "{not json", DateTimeOffset.UnixEpoch));
        Assert.Throws<InvalidDataException>(() => RuleBook.Validate("weather", "{}", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void OfficeHoursCalendarFromRules_DeadlineSkipsTheNightAndHolidays()
    {
        var json = Shipped("sla").Replace("\"calendar\": \"natural\"", "\"calendar\": \"office-hours\"");
        var calendar = SlaRules.Parse(json).WorkingCalendar;
        // Wednesday 2026-09-30 17:00 China time + 4 working hours: 30 min that day, then the National Day holidays
        // (1, 2, 5–7 Oct; 3–4 Oct are a weekend), so 3.5 h on Thursday 8 Oct from 08:30.
        var start = new DateTimeOffset(2026, 9, 30, 17, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 12, 0, 0, TimeSpan.FromHours(8)), calendar.Add(start, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Request_Validation_NamesEachField_TextIsKeptAsTyped()
    {
        var r = new TicketRequest
        {
            Channel = "fax", ContactName = " ", CityCode = "4501", CountyCode = "450203", ProductCategory = "toaster", Impact = "planet",
            Title = new string('长', 201), Description = "<script>alert('x')</script>",
        };
        r.Clean();
        var errors = r.Validate(GuangxiDivisions.Shipped);
        foreach (var field in new[] { "channel", "procurementUnit", "contactName", "contactPhone", "countyCode", "productCategory", "impact", "title" })
            Assert.Contains(errors, p => p.Field == field);
        var county = Assert.Single(errors, p => p.Field == "countyCode");
        Assert.Equal(TextProblems.CountyNotInCity, county.Code);
        Assert.Equal("南宁市", county.Args!["city"]);
        Assert.Equal(TextProblems.TooLong, Assert.Single(errors, p => p.Field == "title").Code);
        Assert.Equal(200, Assert.Single(errors, p => p.Field == "title").Args!["max"]);
        Assert.DoesNotContain(errors, p => p.Field == "description");
        Assert.Equal("<script>alert('x')</script>", r.Description);   // kept as typed; encoded on output
    }

    [Fact]
    public void Request_WithNothingChosen_AsksToChoose_NotForVisibleText()
    {
        var r = new TicketRequest { Channel = "portal", ProcurementUnit = "南宁市财政局", ContactName = "李明", ContactPhone = "13800000000", Title = "打印机卡纸", Description = "卡纸", Impact = "" };
        r.Clean();
        var errors = r.Validate(GuangxiDivisions.Shipped);
        foreach (var field in new[] { "cityCode", "countyCode", "productCategory", "impact" })
            Assert.Equal(TextProblems.ChoiceRequired, Assert.Single(errors, p => p.Field == field).Code);
    }

    [Theory]
    [InlineData("\u200B\u200C\u200D", TextProblems.Required)]            // zero-width only
    [InlineData("\u202E\u202D", TextProblems.Required)]                   // direction overrides only
    [InlineData("打印机\u202E卡纸", TextProblems.DirectionControl)]         // an override hidden in a title
    [InlineData("打印机\u0007卡纸", TextProblems.ControlCharacter)]
    public void Titles_WithoutVisibleText_OrWithHiddenControls_AreRefused(string title, string code)
    {
        var problem = TextRules.Check(title, "title", 200, multiline: false);
        Assert.NotNull(problem);
        Assert.Equal(code, problem.Code);
        Assert.Equal("title", problem.Field);
    }

    [Fact]
    public void Text_WithAngleBracketsAndAddresses_IsAccepted()
    {
        Assert.Null(TextRules.Check("温度 < 5 且 > 3 时黑屏", "title", 200, multiline: false));
        Assert.Null(TextRules.Check("联系 <a@b.cn>\n第二行", "description", 200, multiline: true));
        Assert.NotNull(TextRules.Check("第一行\n第二行", "title", 200, multiline: false));
    }
}
