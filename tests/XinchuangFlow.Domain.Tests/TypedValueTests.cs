using System.Text.Json;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Tests;

/// <summary>Ticket statuses and grades are typed values: only real ones exist, and they travel as their codes.</summary>
public class TypedValueTests
{
    private sealed record Carrier(TicketStatus Status, Grade? Grade, Dictionary<Grade, int> PerGrade);

    [Fact]
    public void Json_WritesCodes_AndReadsThemBack()
    {
        var json = JsonSerializer.Serialize(new Carrier(TicketStatus.OnSite, Grade.P2, new() { [Grade.P1] = 3 }));
        Assert.Equal("""{"Status":"onsite","Grade":"P2","PerGrade":{"P1":3}}""", json);
        var back = JsonSerializer.Deserialize<Carrier>(json)!;
        Assert.Equal(TicketStatus.OnSite, back.Status);
        Assert.Equal(Grade.P2, back.Grade);
        Assert.Equal(3, back.PerGrade[Grade.P1]);
        Assert.Null(JsonSerializer.Deserialize<Carrier>("""{"Status":"closed","Grade":null,"PerGrade":{}}""")!.Grade);
    }

    [Theory]
    [InlineData("""{"Status":"on-site","Grade":"P2","PerGrade":{}}""")]
    [InlineData("""{"Status":"已到场","Grade":"P2","PerGrade":{}}""")]
    [InlineData("""{"Status":"onsite","Grade":"P5","PerGrade":{}}""")]
    [InlineData("""{"Status":"onsite","Grade":2,"PerGrade":{}}""")]
    [InlineData("""{"Status":"onsite","Grade":"P1","PerGrade":{"urgent":1}}""")]
    public void Json_RefusesWhatIsNoStatusOrGrade(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Carrier>(json));

    [Fact]
    public void Status_ParsesOnlyItsCodes_AndKnowsTheOrderOfWork()
    {
        Assert.Equal(13, TicketStatus.All.Count);
        foreach (var s in TicketStatus.All) Assert.Equal(s, TicketStatus.Parse(s.Code));
        Assert.False(TicketStatus.TryParse("OnSite", out _));
        Assert.False(TicketStatus.TryParse(null, out _));
        var ex = Assert.Throws<FormatException>(() => TicketStatus.Parse("done"));
        Assert.Contains("awaitingFeedback", ex.Message);
        Assert.Equal(TicketStatus.Submitted, default(TicketStatus));
        Assert.True(TicketStatus.Resolved.IsPast(TicketStatus.OnSite));
        Assert.False(TicketStatus.Dispatched.IsPast(TicketStatus.Accepted));
        Assert.True(TicketStatus.Cancelled.IsPast(TicketStatus.Closed));
        Assert.True(TicketStatus.Closed.IsFinal);
        Assert.False(TicketStatus.Reopened.IsFinal);
        Assert.Equal("已到场", TicketStatus.OnSite.NameZh);
    }

    [Fact]
    public void Grade_ParsesWhatAPersonTypes_AndOrdersByUrgency()
    {
        Assert.Equal(Grade.P2, Grade.Parse(" p2 "));
        Assert.True(Grade.IsGrade("p3"));
        Assert.False(Grade.IsCode("p3"));
        Assert.True(Grade.IsCode("P3"));
        foreach (var bad in new[] { "P0", "P5", "P", "P12", "", "二级" }) Assert.False(Grade.TryParse(bad, out _), bad);
        Assert.Throws<FormatException>(() => Grade.Parse("P9"));
        Assert.Equal(["P1", "P2", "P3", "P4"], Grade.Codes);
        Assert.Equal(Grade.P4, default(Grade));
        Assert.True(Grade.P1.CompareTo(Grade.P4) < 0);
        Assert.Equal([Grade.P1, Grade.P3, Grade.P4], new[] { Grade.P4, Grade.P1, Grade.P3 }.Order());
    }
}
