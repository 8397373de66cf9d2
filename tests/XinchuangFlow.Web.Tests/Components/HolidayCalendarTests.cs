using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using XinchuangFlow.Web.Components.Rules;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>The month view of a working calendar (SLA-3): days coloured by kind, a click cycles a day, read-only does nothing.</summary>
public sealed class HolidayCalendarTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    public HolidayCalendarTests()
    {
        _ctx.Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private IRenderedComponent<HolidayCalendar> Render(bool readOnly, List<(List<DateOnly>, List<DateOnly>)> changes) =>
        _ctx.Render<HolidayCalendar>(p => p
            .Add(x => x.WorkingDays, new[] { 1, 2, 3, 4, 5 })
            .Add(x => x.Holidays, new[] { new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2) })
            .Add(x => x.MakeUpWorkdays, new[] { new DateOnly(2026, 10, 10) })
            .Add(x => x.Show, new DateOnly(2026, 10, 5))
            .Add(x => x.ReadOnly, readOnly)
            .Add(x => x.OnChanged, (ValueTuple<List<DateOnly>, List<DateOnly>> v) => changes.Add(v)));

    private static string Kind(IRenderedComponent<HolidayCalendar> cut, string day) => cut.Find($"[data-testid=day-{day}]").GetAttribute("data-kind")!;

    [Fact]
    public void DaysShowTheirKind_AndTheMonthStartsOnTheRightWeekday()
    {
        var cut = Render(false, []);
        Assert.Equal("2026-10", cut.Find("[data-testid=calendar-month]").TextContent);
        Assert.Equal(("holiday", "makeup", "closed", "open"), (Kind(cut, "2026-10-01"), Kind(cut, "2026-10-10"), Kind(cut, "2026-10-11"), Kind(cut, "2026-10-12")));
        // 1 October 2026 is a Thursday: three empty cells before it in a Monday-first week.
        var firstRow = cut.FindAll("tbody tr")[0].QuerySelectorAll("td");
        Assert.Equal(["", "", "", "1"], firstRow.Take(4).Select(td => td.TextContent.Trim()));
        cut.Find("[data-testid=calendar-prev]").Click();
        Assert.Equal("2026-09", cut.Find("[data-testid=calendar-month]").TextContent);
    }

    [Fact]
    public void AClickCyclesADay_WorkingDayToHolidayToMakeUpDay()
    {
        var changes = new List<(List<DateOnly> Holidays, List<DateOnly> MakeUp)>();
        var cut = Render(false, changes);
        cut.Find("[data-testid=day-2026-10-09]").Click();                 // a Friday → holiday
        Assert.Contains(new DateOnly(2026, 10, 9), changes[^1].Holidays);
        cut.Find("[data-testid=day-2026-10-01]").Click();                 // a holiday → make-up working day
        Assert.DoesNotContain(new DateOnly(2026, 10, 1), changes[^1].Holidays);
        Assert.Contains(new DateOnly(2026, 10, 1), changes[^1].MakeUp);
        cut.Find("[data-testid=day-2026-10-10]").Click();                 // a make-up day → as the weekday says
        Assert.DoesNotContain(new DateOnly(2026, 10, 10), changes[^1].MakeUp);
        Assert.DoesNotContain(new DateOnly(2026, 10, 10), changes[^1].Holidays);
    }

    [Fact]
    public void ReadOnly_ClicksChangeNothing()
    {
        var changes = new List<(List<DateOnly>, List<DateOnly>)>();
        var cut = Render(true, changes);
        cut.Find("[data-testid=day-2026-10-09]").Click();
        Assert.Empty(changes);
    }
}
