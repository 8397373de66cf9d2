using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Engine.Tests;

public class DefinitionJsonTests
{
    [Fact]
    public void Parse_FixtureWithComments_ReadsActivitiesConnectionsAndVariables()
    {
        var d = TestSupport.ReviewFlow();
        Assert.Equal("review-flow", d.DefinitionId);
        Assert.Equal(4, d.Activities.Count);
        Assert.Equal(5, d.Connections.Count);
        Assert.Equal("number", d.Variables[0].Type);
        Assert.True(DefinitionJson.TryGetExpression(d.FindActivity("big")!.Inputs["condition"], out var expr));
        Assert.Equal("vars.amount > 1000", expr);
    }

    [Fact]
    public void Serialize_ThenParse_GivesSameContentHash()
    {
        var d = TestSupport.ReviewFlow();
        d.Activities[0].Position = new DesignerPosition(10, 20);
        var again = DefinitionJson.Parse(DefinitionJson.Serialize(d));
        Assert.Equal(DefinitionJson.ContentHash(d), DefinitionJson.ContentHash(again));
        Assert.Equal(new DesignerPosition(10, 20), again.Activities[0].Position);
    }

    [Fact]
    public void ContentHash_ChangedInput_Differs()
    {
        var a = TestSupport.ReviewFlow();
        var b = TestSupport.ReviewFlow();
        b.FindActivity("review")!.Inputs["title"] = JsonValue.Create("Other");
        Assert.NotEqual(DefinitionJson.ContentHash(a), DefinitionJson.ContentHash(b));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"definitionId\": ")]
    [InlineData("[1,2,3]")]
    [InlineData("{ \"activities\": 5 }")]
    public void Parse_Malformed_ThrowsFormatExceptionWithMessage(string json)
    {
        var ex = Assert.Throws<DefinitionFormatException>(() => DefinitionJson.Parse(json));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Parse_Malformed_ReportsLine()
    {
        var ex = Assert.Throws<DefinitionFormatException>(() => DefinitionJson.Parse("{\n  \"name\": \"x\",\n  \"activities\": [ oops ]\n}"));
        Assert.Contains("line 3", ex.Message);
    }
}
