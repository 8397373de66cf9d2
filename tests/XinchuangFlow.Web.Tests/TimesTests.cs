using System.Globalization;
using System.Text.RegularExpressions;
using XinchuangFlow.Web.Text;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// One clock (OPS-5, issue 21 §2): every time a person reads is China time in one style, through <see cref="Times"/>,
/// whatever the server's zone; and no page, component or endpoint of the web project formats a time itself.
/// </summary>
public sealed class TimesTests
{
    // The walk's check-in: 21:22 UTC on 1 December is 05:22 on 2 December in China.
    private static readonly DateTimeOffset CheckIn = new(2026, 12, 1, 21, 22, 7, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AUtcInstant_ReadsInChinaTime_OnTheNextDay()
    {
        Assert.Equal("2026-12-02 05:22", Times.Full(CheckIn));
        Assert.Equal("2026-12-02 05:22:07", Times.Full(CheckIn, seconds: true));
        Assert.Equal("12-02 05:22", Times.Short(CheckIn, Now));
        Assert.Equal("12-02 05:22:07", Times.Short(CheckIn, Now, seconds: true));
        Assert.Equal("2026-12-02", Times.Date(CheckIn));
        Assert.Equal("05:22", Times.Time(CheckIn));
        Assert.Equal("202612020522", Times.FileStamp(CheckIn));
    }

    [Fact]
    public void TheStoredOffset_DoesNotMatter_OnlyTheInstant()
    {
        var sameInstantElsewhere = CheckIn.ToOffset(TimeSpan.FromHours(-5));
        Assert.Equal(Times.Full(CheckIn), Times.Full(sameInstantElsewhere));
        Assert.Equal(Times.Full(CheckIn), Times.Full(new DateTimeOffset(2026, 12, 2, 5, 22, 7, TimeSpan.FromHours(8))));
    }

    [Fact]
    public void TheDayBoundary_IsChinasMidnight_NotUtcs()
    {
        var beforeMidnight = new DateTimeOffset(2026, 12, 31, 15, 59, 0, TimeSpan.Zero);   // 23:59 on 31 Dec in China
        var afterMidnight = new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero);     // 00:00 on 1 Jan in China
        Assert.Equal("2026-12-31", Times.Date(beforeMidnight));
        Assert.Equal("2027-01-01", Times.Date(afterMidnight));
        // The year is China's too: shortened only within the reader's current year in China.
        Assert.Equal("12-31 23:59", Times.Short(beforeMidnight, beforeMidnight));
        Assert.Equal("2026-12-31 23:59", Times.Short(beforeMidnight, afterMidnight));
        Assert.Equal("01-01 00:00", Times.Short(afterMidnight, afterMidnight));
    }

    [Fact]
    public void NoTime_ReadsAsADash_AndTheStyleIsTheSameInBothLanguages()
    {
        Assert.Equal("—", Times.Full((DateTimeOffset?)null));
        Assert.Equal("—", Times.Date((DateTimeOffset?)null));
        var before = CultureInfo.CurrentCulture;
        try
        {
            foreach (var name in new[] { "zh-CN", "en-US", "ar-SA" })
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
                Assert.Equal("2026-12-02 05:22", Times.Full(CheckIn));
                Assert.Equal("2026-12", Times.Month(new DateOnly(2026, 12, 2)));
            }
        }
        finally { CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = before; }
    }

    /// <summary>What formats a time outside <see cref="Times"/>: a zone conversion, a date pattern in ToString or in an interpolation.</summary>
    private static readonly Regex[] SelfFormatted =
    [
        new(@"\.ToLocalTime\(|\.ToOffset\(|\.ToChina\(\)|\.ToUniversalTime\(\)\.ToString|To(Short|Long)(Date|Time)String\("),
        new(@"ToString\(\s*""[^""]*(yyyy|yy-|MM-dd|MM/dd|dd/MM|HH|hh:mm|mm:ss)[^""]*"""),
        new(@"ToString\(\s*""[dgGfFtT]""\s*[,)]"),
        new(@"\{[^{}""]*:(yyyy|yy|MM-dd|MM/dd|HH|hh)[^{}]*\}"),
    ];

    private static bool FormatsATime(string line) => SelfFormatted.Any(r => r.IsMatch(line));

    [Theory]
    [InlineData("<td>@e.At.ToLocalTime().ToString(\"MM-dd HH:mm\")</td>")]
    [InlineData("<td>@c.CreatedAt.ToChina().ToString(\"yyyy-MM-dd HH:mm\")</td>")]
    [InlineData("$\"截止 {deadline:yyyy-MM-dd HH:mm}\"")]
    [InlineData("$\"audit-{now:yyyyMMddHHmm}.csv\"")]
    [InlineData("@d.SentAt.ToString(\"g\")")]
    [InlineData("@(at.ToString(\"HH:mm\", CultureInfo.InvariantCulture))")]
    [InlineData("@x.ToOffset(TimeSpan.FromHours(8))")]
    public void TheScan_FindsATimeFormattedByHand(string line) => Assert.True(FormatsATime(line), line);

    [Theory]
    [InlineData("<td>@Times.Short(e.At, Clock)</td>")]
    [InlineData("data-due=\"@row.DueAt?.ToString(\"O\")\"")]
    [InlineData("@km.ToString(\"0.0\")")]
    [InlineData("$\"{s:P1}（{f.OnTime}/{f.Started}）\"")]
    [InlineData("Guid.NewGuid().ToString(\"N\")")]
    public void TheScan_LeavesOtherFormatsAlone(string line) => Assert.False(FormatsATime(line), line);

    [Fact]
    public void NoPageComponentOrEndpoint_FormatsATimeItself()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "XinchuangFlow.sln"))) dir = dir.Parent;
        var web = Path.Combine(dir!.FullName, "src", "XinchuangFlow.Web");
        var formatter = Path.Combine(web, "Text", "Times.cs");
        var files = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => f != formatter)
            .ToList();
        Assert.True(files.Count > 50, "the web project's sources were found");
        var found = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => FormatsATime(x.line))
            .Select(x => $"{Path.GetRelativePath(web, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, "format times through Web/Text/Times, not by hand:\n" + string.Join("\n", found));
    }
}
