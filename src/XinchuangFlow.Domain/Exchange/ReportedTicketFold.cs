using System.Text.Json;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Exchange;

/// <summary>The ticket record of the exchange standard (sequence 0), as reported.</summary>
public sealed record ReportedTicketData(
    DateTimeOffset CreatedAt, string Channel, string ProcurementUnit, string? ContactName, string? ContactPhone, string CityCode, string CountyCode,
    string ProductCategory, string? Vendor, string? Model, string? Cpu, string? Os, string Title, string? Description, string? Impact);

/// <summary>An event record of the exchange standard, as reported.</summary>
public sealed record ReportedEventData(
    int Sequence, DateTimeOffset At, string Kind, string? Technician, string? ServicePointCounty, string? Reason, string? Resolution, int? Satisfaction, string? Comment);

/// <summary>
/// Makes a reported ticket what its records say (DAT-2): the ticket's own fields, then its events in sequence order,
/// whatever order they arrived in. The platform grades it with its grading table and runs its three clocks with the
/// same SLA code as its own tickets — the targets of the rules in force when it was created, the running time on those
/// rules' working calendar — so a reported ticket counts in every figure exactly like one handled here. Pure: it
/// computes the ticket again from all its records each time, so a late or corrected record gives the right ticket.
/// </summary>
public static class ReportedTicketFold
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ReportedTicketData Header(ReportedRecord record) =>
        record.Parsed as ReportedTicketData ?? JsonSerializer.Deserialize<ReportedTicketData>(record.Data, Json)!;

    public static ReportedEventData Event(ReportedRecord record) =>
        record.Parsed as ReportedEventData ?? JsonSerializer.Deserialize<ReportedEventData>(record.Data, Json)!;

    /// <param name="ticket">The ticket row (new or stored); every reported field and the clocks are set again.</param>
    /// <param name="enterpriseId">The reporting enterprise (it serves the ticket).</param>
    /// <param name="header">The ticket record.</param>
    /// <param name="events">Its event records, in any order.</param>
    /// <param name="divisions">Guangxi's cities and counties (same city or not decides the on-site target).</param>
    /// <param name="rules">The grading, SLA and escalation rules in force at the ticket's creation, for its city.</param>
    /// <param name="rulesScope">Where those rules come from (region or the city's code), recorded in each target's reason.</param>
    /// <param name="now">Judges a clock still running (breached when past its target).</param>
    public static void Apply(Ticket ticket, Guid enterpriseId, ReportedTicketData header, IEnumerable<ReportedEventData> events, ReplayRules rules,
        string rulesScope, GuangxiDivisions divisions, DateTimeOffset now)
    {
        ticket.ReportedBy = enterpriseId;
        ticket.IntegratorId = enterpriseId;
        ticket.Channel = header.Channel;
        ticket.CreatedAt = header.CreatedAt;
        ticket.ProcurementUnit = header.ProcurementUnit;
        // The contact's name and phone are personal data, encrypted at rest on the ticket; the stored record does not
        // keep them, so they are set from the batch that reports them, not here.
        ticket.CityCode = header.CityCode;
        ticket.CountyCode = header.CountyCode;
        ticket.ProductCategory = header.ProductCategory;
        ticket.ProductVendor = header.Vendor;
        ticket.ProductModel = header.Model;
        ticket.Cpu = header.Cpu;
        ticket.Os = header.Os;
        ticket.Title = header.Title;
        ticket.Description = header.Description ?? "";
        ticket.Impact = header.Impact ?? "single";

        var graded = rules.Grading.Grade(new GradingInput(ticket.ProductCategory, ticket.Impact, ticket.Title + " " + ticket.Description));
        var grade = graded.Grade;
        ticket.Grade = grade;
        ticket.GradeExplanation = graded.ExplanationZh;
        ticket.Status = TicketStatus.Graded;
        (ticket.TechnicianName, ticket.ServicePointCounty, ticket.SetOutAt, ticket.CheckInAt, ticket.RemoteHandled, ticket.Resolution) = (null, null, null, null, false, null);
        (ticket.Satisfaction, ticket.FeedbackComment, ticket.ResolvedAt, ticket.ClosedAt, ticket.ReopenCount, ticket.FirstTimeFix) = (null, null, null, null, 0, true);
        ticket.Breached = false;

        var sla = rules.Sla;
        var calendar = sla.WorkingCalendar;
        var clocks = new TicketClocks();
        string Reason(string basis) => new TargetReason { Basis = basis, Grade = grade.Code }.Under(rulesScope, null).Encode();
        clocks.Response.Start(header.CreatedAt, sla.ResponseTarget(grade), Reason(TargetReason.Response));
        clocks.Resolution.Start(header.CreatedAt, sla.ResolutionTarget(grade), Reason(TargetReason.Resolution));
        var beforeVendor = TicketStatus.Graded;

        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            switch (e.Kind)
            {
                case ExchangeKinds.Dispatched:
                    ticket.TechnicianName = e.Technician;
                    ticket.ServicePointCounty = e.ServicePointCounty;
                    ticket.Status = TicketStatus.Dispatched;
                    break;
                case ExchangeKinds.Accepted:
                    clocks.Response.Stop(e.At, calendar);
                    // A new visit after a reopening gets a fresh on-site clock (the platform's own flow does the same).
                    if (!ticket.RemoteHandled && clocks.OnSite.State == ClockState.Stopped) clocks.Replace(ClockKind.OnSite);
                    if (!ticket.RemoteHandled && clocks.OnSite.State == ClockState.NotStarted)
                    {
                        var (target, why) = sla.OnSiteTarget(ticket.CountyCode, ticket.ServicePointCounty ?? ticket.CountyCode, grade, divisions, rulesScope);
                        clocks.OnSite.Start(e.At, target, why.Encode());
                    }
                    ticket.Status = TicketStatus.Accepted;
                    break;
                case ExchangeKinds.SetOut:
                    ticket.SetOutAt = e.At;
                    ticket.Status = TicketStatus.Travelling;
                    break;
                case ExchangeKinds.CheckedIn:
                    ticket.CheckInAt = e.At;
                    clocks.OnSite.Stop(e.At, calendar);
                    ticket.Status = TicketStatus.OnSite;
                    break;
                case ExchangeKinds.Remote:
                    // Handled remotely: the technician took it up from afar, which ends the on-site clock as an arrival does
                    // (as the platform's check-in does).
                    ticket.RemoteHandled = true;
                    clocks.OnSite.Stop(e.At, calendar);
                    ticket.Status = TicketStatus.Remote;
                    break;
                case ExchangeKinds.Paused:
                    clocks.Resolution.Pause(e.At, calendar);
                    if (e.Reason == "user") clocks.OnSite.Pause(e.At, calendar);
                    else if (ticket.Status != TicketStatus.VendorSupport)
                    {
                        beforeVendor = ticket.Status;
                        ticket.Status = TicketStatus.VendorSupport;
                    }
                    break;
                case ExchangeKinds.Resumed:
                    clocks.Resolution.Resume(e.At);
                    clocks.OnSite.Resume(e.At);
                    if (ticket.Status == TicketStatus.VendorSupport) ticket.Status = beforeVendor;
                    break;
                case ExchangeKinds.Resolved:
                    clocks.Response.Stop(e.At, calendar);
                    clocks.OnSite.Stop(e.At, calendar);
                    clocks.Resolution.Stop(e.At, calendar);
                    ticket.Resolution = e.Resolution;
                    ticket.ResolvedAt = e.At;
                    ticket.Status = TicketStatus.Resolved;
                    break;
                case ExchangeKinds.Feedback:
                    ticket.Satisfaction = e.Satisfaction;
                    ticket.FeedbackComment = e.Comment;
                    break;
                case ExchangeKinds.Reopened:
                    // Back to the technician, as on the platform: the response is the first one (it stays), the resolution clock
                    // runs on from the time already used, and the next acceptance starts a fresh on-site clock (remote or not
                    // is decided again).
                    ticket.ReopenCount++;
                    ticket.FirstTimeFix = false;
                    ticket.ResolvedAt = null;
                    ticket.ClosedAt = null;
                    ticket.RemoteHandled = false;
                    clocks.Resolution.Reopen(e.At);
                    ticket.Status = TicketStatus.Reopened;
                    break;
                case ExchangeKinds.Closed:
                    ticket.ClosedAt = e.At;
                    ticket.Status = TicketStatus.Closed;
                    break;
                case ExchangeKinds.Cancelled:
                    foreach (var c in clocks.All) c.Stop(e.At, calendar);
                    ticket.Status = TicketStatus.Cancelled;
                    break;
            }
            // A clock stopped late stays breached (as on the platform, where a breach is never taken back).
            if (clocks.All.Any(c => c.State == ClockState.Stopped && c.Consumed > c.Target)) ticket.Breached = true;
        }
        ticket.ReplaceClocks(clocks);
        ticket.SyncClocks(now, calendar);   // writes ClocksJson
    }
}
