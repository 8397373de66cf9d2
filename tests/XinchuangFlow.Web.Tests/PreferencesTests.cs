using XinchuangFlow.Web.Api;

namespace XinchuangFlow.Web.Tests;

/// <summary>RFC 7240's <c>Prefer: return=minimal</c>, as the intake reads it; anything else keeps the full answer.</summary>
public class PreferencesTests
{
    [Theory]
    [InlineData("return=minimal", true)]
    [InlineData("RETURN=Minimal", true)]
    [InlineData("respond-async, return=minimal", true)]
    [InlineData("return = \"minimal\"; foo=bar", true)]
    [InlineData("return=representation", false)]
    [InlineData("return-minimal", false)]
    [InlineData("minimal", false)]
    [InlineData("return=minimalist", false)]
    [InlineData(",,;=", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ReturnMinimal_OnlyWhenAsked(string? prefer, bool minimal) => Assert.Equal(minimal, Preferences.ReturnMinimal(prefer));

    [Fact]
    public void AnOversizedHeader_KeepsTheFullAnswer() =>
        Assert.False(Preferences.ReturnMinimal(string.Concat(Enumerable.Repeat("x=y, ", 300)) + "return=minimal"));
}
