namespace XinchuangFlow.Domain.Time;

/// <summary>
/// China time (Asia/Shanghai) for everything a person reads or a rule counts in days: stored times stay UTC, and a day,
/// an opening hour or a time on screen is China's. China has kept UTC+8 all year since 1991, so a fixed offset is exact
/// for every time the platform handles and needs no time-zone database on the server.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The same instant as China's clocks show it.</summary>
    public static DateTimeOffset ToChina(this DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The calendar day in China at <paramref name="instant"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>Today in China by <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());

    /// <summary>A day and a time of day in China as an instant.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), Offset);
}
