using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases;

/// <summary>
/// How domain activities reach the work order or complaint of their instance. Within one burst the row is loaded once,
/// staged once as a guarded update (its <c>Version</c> must still be what was read) and then changed in memory by each
/// activity of the burst; it is written with the burst's own transaction.
/// </summary>
public sealed class CaseSession(ITicketRepository repository, RuleBook rules, GuangxiDivisions divisions)
{
    public RuleBook Rules => rules;
    public GuangxiDivisions Divisions => divisions;

    /// <summary>The instance's ticket, or null when the instance has none (a flow used without a work order).</summary>
    public async Task<Ticket?> TryTicketAsync(ActivityContext context)
    {
        if (context.Joined<Ticket>() is { } joined) return joined;
        var ticket = await repository.FindTicketByInstanceAsync(context.Instance.Id, context.Cancellation);
        return ticket is null ? null : context.Join(ticket);
    }

    public async Task<Ticket> TicketAsync(ActivityContext context) =>
        await TryTicketAsync(context) ?? throw new InvalidOperationException(
            $"Instance {context.Instance.Id} has no work order; start the flow with xf.ticket.Register first.");

    public async Task<Complaint> ComplaintAsync(ActivityContext context)
    {
        if (context.Joined<Complaint>() is { } joined) return joined;
        var complaint = await repository.FindComplaintByInstanceAsync(context.Instance.Id, context.Cancellation)
                        ?? throw new InvalidOperationException($"Instance {context.Instance.Id} has no complaint; start the flow with xf.complaint.File first.");
        return context.Join(complaint);
    }

    /// <summary>The history line of a grade override (the activity and the API's amendment both write it).</summary>
    public static void GradeOverrideEvent(IBurstWork work, Ticket ticket, Grade? from, Grade grade, string reason) =>
        work.Record(ticket, "grade-override", $"等级由{from}调整为{grade}：{reason}", new JsonObject { ["from"] = from?.Code, ["to"] = grade.Code, ["reason"] = reason });

    /// <summary>Changes the ticket's status with a history line; no line when nothing changes.</summary>
    public static void SetStatus(ActivityContext context, Ticket ticket, TicketStatus status, string? note = null, JsonNode? data = null, string kind = "status", bool bySystem = false)
    {
        var from = ticket.Status;
        ticket.Status = status;
        ticket.UpdatedAt = context.Now;
        if (from != status || note is not null || data is not null) context.Record(ticket, kind, note, data, from.Code, bySystem);
        context.JournalData("ticketStatus", status.Code);
    }

    public static void SetStatus(ActivityContext context, Complaint complaint, string status, string? note = null)
    {
        context.Change(complaint, "status", note, c => c.Status = status);
        context.JournalData("complaintStatus", status);
    }

    /// <summary>The SLA rules and calendar that apply to a ticket (its city's rules, else the region's).</summary>
    public async Task<(SlaRules Rules, RuleSet Set)> SlaAsync(Ticket ticket) => await rules.SlaAsync(ticket.CityCode);

    /// <summary>Writes a clock change to the ticket and its history.</summary>
    public static void ClockEvent(ActivityContext context, Ticket ticket, SlaClock clock, string action, WorkingCalendar calendar, string? note = null)
    {
        ticket.SyncClocks(context.Now, calendar);
        ticket.UpdatedAt = context.Now;
        var data = new JsonObject
        {
            ["clock"] = TicketClocks.Name(clock.Kind),
            ["target"] = clock.Target.ToString(),
            ["targetReason"] = clock.TargetReason,
            ["targetFixed"] = clock.TargetFixed,
            ["consumed"] = clock.Elapsed(context.Now, calendar).ToString(),
            ["pausedTotal"] = clock.PausedTotal.ToString(),
            ["deadline"] = clock.Deadline(calendar)?.ToString("O"),
            ["breached"] = clock.Breached(context.Now, calendar),
        };
        context.Record(ticket, "clock-" + action, note ?? $"{TicketClocks.NameZh(clock.Kind)}时钟{ClockActionZh(action)}", data, bySystem: true);
        context.JournalData("clock", TicketClocks.Name(clock.Kind));
        context.JournalData("action", action);
    }

    private static string ClockActionZh(string action) => action switch
    {
        "start" => "开始计时", "stop" => "停止计时", "pause" => "暂停", "resume" => "恢复计时", "reopen" => "重新计时", _ => "：" + action,
    };

    /// <summary>Reads a JSON input as a typed object (null when absent).</summary>
    public static T? Read<T>(ActivityContext context, string input) where T : class
    {
        var node = context.GetInput(input);
        if (node is null) return null;
        try
        {
            return node.Deserialize<T>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException ex)
        {
            throw new ActivityInputException(context.Activity.Id, input, ex.Message, ex);
        }
    }
}
