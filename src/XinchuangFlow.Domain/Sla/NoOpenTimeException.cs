using XinchuangFlow.Domain.Time;

namespace XinchuangFlow.Domain.Sla;

/// <summary>
/// A working calendar cannot give a deadline: it has no open time (or not enough) within the days searched — every
/// weekday closed, an empty window list, or years of holidays.
/// </summary>
public sealed class NoOpenTimeException(string calendar, TimeSpan duration, DateTimeOffset start, int days)
    : InvalidOperationException($"The working calendar '{calendar}' has no open time for {duration.TotalHours:0.##} h within {days} days of {start.ToChina():yyyy-MM-dd HH:mm}: no deadline can be computed.")
{
    public string Calendar { get; } = calendar;
}
