using XinchuangFlow.Domain.Assessment;

namespace XinchuangFlow.Domain.Tests;

/// <summary>Which quarter the quarterly schedule assesses, in China time (ASM-2).</summary>
public sealed class AssessmentPeriodTests
{
    private static DateTimeOffset China(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void TheSchedule_AssessesTheQuarterBefore_OnceTheDaysAfterItsEndHavePassed_ChinaTime()
    {
        Assert.Null(AssessmentPeriod.DueForAssessment(China(2026, 10, 5, 23), 5));          // 4 days and 23 hours into Q4
        Assert.Equal("2026Q3", AssessmentPeriod.DueForAssessment(China(2026, 10, 6), 5));
        Assert.Equal("2026Q3", AssessmentPeriod.DueForAssessment(China(2026, 12, 31, 23), 5));
        // 1 January in China is still 31 December in UTC: the quarter before is 2026Q4 all the same.
        Assert.Equal("2026Q4", AssessmentPeriod.DueForAssessment(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero), 0));
        Assert.Equal("2025Q4", AssessmentPeriod.Before("2026Q1"));
        Assert.Equal("2026Q2", AssessmentPeriod.Before("2026Q3"));
    }
}
