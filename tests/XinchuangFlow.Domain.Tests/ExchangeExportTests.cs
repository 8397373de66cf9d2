using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Tests;

/// <summary>
/// A platform ticket's history in the exchange standard (DAT-3): each line read by what it did to the ticket (its kind and
/// the status it left), so a user's pause, a vendor's support, a reassignment without a new acceptance, a cancellation
/// and the complaints come out as the standard's events, in time order, numbered from 1.
/// </summary>
public class ExchangeExportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
    private long _sequence;

    private CaseEvent L(double hours, string kind, string? from, string? to, string? note = null, string? data = null) =>
        new() { Sequence = ++_sequence, CaseKind = "ticket", At = T0.AddHours(hours), Kind = kind, FromStatus = from, ToStatus = to, Note = note, Data = data };

    private static Ticket Ticket() => new()
    {
        Number = "GX-4501-20261102-00001", CreatedAt = T0, Channel = "hotline", ProcurementUnit = "南宁市财政局", ContactName = "张三", ContactPhone = "13800000000",
        CityCode = "4501", CountyCode = "450102", ProductCategory = "os", Title = "无法登录", ServicePointCounty = "450103", TechnicianName = "李四",
        IntegratorId = Guid.Parse("01a23a53-2053-74d8-b26c-ee003994a652"),
    };

    private static string Line(ReportedEventData e) => e.Kind == ExchangeKinds.Paused ? $"{e.Sequence}:{e.Kind}-{e.Reason}" : $"{e.Sequence}:{e.Kind}";

    [Fact]
    public void AWholeHistory_ReadsAsTheStandardsEvents()
    {
        var history = new[]
        {
            L(0, "submitted", null, "submitted"), L(0, "graded", "submitted", "graded"), L(0, "clock-start", "graded", "graded"),
            L(0.2, "dispatched", "graded", "dispatched", data: """{"technician":"王五"}"""),
            L(0.5, "redispatched", "dispatched", "dispatched", data: """{"technician":"李四"}"""), // a reassignment before acceptance: still dispatched
            L(1, "clock-stop", "dispatched", "dispatched"), L(1, "status", "dispatched", "accepted"),
            L(1.5, "status", "accepted", "travelling"),
            L(2, "clock-pause", "travelling", "travelling", "约定次日上门"), L(2, "clock-pause", "travelling", "travelling", "约定次日上门"), // two clocks, one pause
            L(20, "clock-resume", "travelling", "travelling"), L(20, "clock-resume", "travelling", "travelling"),
            L(21, "check-in", "travelling", "onsite"), L(21, "clock-stop", "onsite", "onsite"),
            L(22, "clock-pause", "onsite", "onsite", "等待厂商支持"), L(22, "vendor-requested", "onsite", "vendorSupport"),
            L(23, "answer", "vendorSupport", "vendorSupport"), L(30, "clock-resume", "vendorSupport", "vendorSupport"), L(30, "status", "vendorSupport", "onsite", "恢复处理"),
            L(31, "resolved", "onsite", "resolved", "更换驱动后恢复"), L(31, "status", "resolved", "awaitingFeedback"),
            L(32, "feedback", "awaitingFeedback", "awaitingFeedback", data: """{"satisfaction":2,"comment":"又坏了"}"""),
            L(32, "reopened", "awaitingFeedback", "reopened", "用户不满意"), L(32, "complaint", null, null),
            L(33, "status", "reopened", "accepted"), L(34, "check-in", "accepted", "remote", data: """{"remote":true}"""),
            L(35, "resolved", "remote", "resolved", "远程修复"), L(36, "feedback", "awaitingFeedback", "awaitingFeedback", data: """{"satisfaction":5,"comment":""}"""),
            L(36, "closed", "awaitingFeedback", "closed"),
        };
        var complaints = new[] { new ExportedComplaint(T0.AddHours(32.5), T0.AddHours(40), "维修后再次故障") };

        var exported = ExchangeExport.Of(Ticket(), history, complaints);

        Assert.Equal(
            ["1:dispatched", "2:accepted", "3:set-out", "4:paused-user", "5:resumed", "6:checked-in", "7:paused-vendor", "8:resumed", "9:resolved", "10:feedback",
             "11:reopened", "12:complaint", "13:accepted", "14:remote", "15:resolved", "16:feedback", "17:closed", "18:complaint-closed"],
            exported.Events.Select(Line));
        var events = exported.Events;
        Assert.Equal(("王五", "450103"), (events[0].Technician, events[0].ServicePointCounty));
        Assert.Equal(("更换驱动后恢复", 2, "又坏了"), (events[8].Resolution, events[9].Satisfaction, events[9].Comment));
        Assert.Equal(("维修后再次故障", T0.AddHours(32.5)), (events[11].Comment, events[11].At));
        Assert.Null(events[15].Comment);
        Assert.All(events, e => Assert.Equal(TimeSpan.FromHours(8), e.At.Offset));
        // Personal data stays: the contact is not exported.
        Assert.Equal((null, null, "GX-4501-20261102-00001"), (exported.Header.ContactName, exported.Header.ContactPhone, exported.ExternalId));
    }

    [Fact]
    public void ACancelledTicket_EndsCancelled_AndATicketNobodyServesHasNoEnterprise()
    {
        var ticket = Ticket();
        ticket.IntegratorId = null;
        var exported = ExchangeExport.Of(ticket, [L(0, "submitted", null, "submitted"), L(0, "graded", "submitted", "graded"), L(3, "cancelled", "graded", "cancelled", "用户撤销")], []);
        Assert.Equal(["1:cancelled"], exported.Events.Select(Line));
        Assert.Equal("用户撤销", exported.Events[0].Comment);
        Assert.Null(exported.Enterprise);
    }
}
