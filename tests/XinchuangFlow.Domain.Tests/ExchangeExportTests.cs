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
            L(0.5, "redispatched", "dispatched", "dispatched", data: """{"technician":"李四"}"""), // a reassignment before acceptance: a dispatch
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
            ["1:dispatched", "2:dispatched", "3:accepted", "4:set-out", "5:paused-user", "6:resumed", "7:checked-in", "8:paused-vendor", "9:resumed", "10:resolved",
             "11:feedback", "12:reopened", "13:complaint", "14:accepted", "15:remote", "16:resolved", "17:feedback", "18:closed", "19:complaint-closed"],
            exported.Events.Select(Line));
        var events = exported.Events;
        // Lines written before the county was recorded with each dispatch: the ticket's current service point's county.
        Assert.Equal([("王五", "450103"), ("李四", "450103")], events.Take(2).Select(e => (e.Technician, e.ServicePointCounty)));
        Assert.Equal(("更换驱动后恢复", 2, "又坏了"), (events[9].Resolution, events[10].Satisfaction, events[10].Comment));
        Assert.Equal(("维修后再次故障", T0.AddHours(32.5)), (events[12].Comment, events[12].At));
        Assert.Null(events[16].Comment);
        Assert.All(events, e => Assert.Equal(TimeSpan.FromHours(8), e.At.Offset));
        // Personal data stays: the contact is not exported.
        Assert.Equal((null, null, "GX-4501-20261102-00001"), (exported.Header.ContactName, exported.Header.ContactPhone, exported.ExternalId));
    }

    [Fact]
    public void ATicketDispatchedTwice_ToPointsInDifferentCounties_ExportsEachDispatchWithItsOwnCounty()
    {
        // Dispatched by the rules to a Xingning technician, who gives it back; the dispatcher hands it to a Qingxiu one, who
        // accepts; a reassignment after acceptance keeps the status and is no event.
        var history = new[]
        {
            L(0, "submitted", null, "submitted"), L(0, "graded", "submitted", "graded"),
            L(0.2, "dispatched", "graded", "dispatched", data: """{"technician":"王五","technicianUser":"w@test","servicePointCounty":"450103"}"""),
            L(0.4, "taskCompleted", "dispatched", "dispatched", data: """{"technician":"王五","outcome":"return"}"""),   // not a dispatch
            L(0.5, "dispatched-manual", "dispatched", "dispatched", "人工派单给李四：原工程师请假", """{"technician":"李四","servicePointCounty":"450102"}"""),
            L(1, "status", "dispatched", "accepted"),
            L(2, "redispatched", "accepted", "accepted", data: """{"technician":"赵六","servicePointCounty":"450107"}"""),
        };
        var ticket = Ticket();
        ticket.ServicePointCounty = "450107";   // the ticket's point now: the last reassignment's

        var exported = ExchangeExport.Of(ticket, history, []);

        Assert.Equal(["1:dispatched", "2:dispatched", "3:accepted"], exported.Events.Select(Line));
        Assert.Equal([("王五", "450103"), ("李四", "450102")], exported.Events.Take(2).Select(e => (e.Technician, e.ServicePointCounty)));
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
