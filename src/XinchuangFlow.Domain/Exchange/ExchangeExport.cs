using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Exchange;

/// <summary>A complaint about a platform ticket, as the export reports it (a <c>complaint</c> event, and <c>complaint-closed</c> when closed).</summary>
public sealed record ExportedComplaint(DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, string? Description);

/// <summary>
/// One ticket in the standard's terms (DAT-3): its ticket record and its event records in sequence order.
/// <see cref="Enterprise"/> is the enterprise that serves it (null while nobody does yet); <see cref="ExternalId"/> the
/// platform's number for its own tickets and the enterprise's id for a reported one.
/// </summary>
public sealed record ExportedTicket(Ticket Ticket, Guid? Enterprise, string ExternalId, ReportedTicketData Header, IReadOnlyList<ReportedEventData> Events);

/// <summary>
/// The platform's tickets in the exchange standard v1 (docs/data-standard.md), so the same standard that comes in goes
/// out. A reported ticket goes out as it was reported. A platform ticket's history is read by what each line did to the
/// ticket (its kind and the status it left), never by the step of the flow that wrote it, so an edited flow exports
/// the same way:
/// each dispatch → <c>dispatched</c> (with the county of the technician's service point recorded at that dispatch; a
/// reassignment before acceptance is a dispatch, one after acceptance keeps the status and is no event); acceptance → <c>accepted</c>; setting out → <c>set-out</c>; check-in →
/// <c>checked-in</c> or <c>remote</c>; vendor support → <c>paused</c> (vendor) until work goes on (<c>resumed</c>); a
/// clock paused otherwise → <c>paused</c> (user) until resumed; resolution, feedback, reopening, closing and cancelling
/// as themselves; complaints from the complaint cases. Contacts' names and phones are personal data and never leave.
/// Folding the export with <see cref="ReportedTicketFold"/> gives the ticket's own clocks and outcome.
/// </summary>
public static class ExchangeExport
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The history lines that hand an already dispatched ticket to another technician (a dispatcher's choice after a return, a reassignment).</summary>
    private static readonly HashSet<string> Redispatches = ["dispatched-manual", "redispatched"];

    private static readonly JsonSerializerOptions Write = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A platform ticket in the standard, from its history and its complaints.</summary>
    public static ExportedTicket Of(Ticket ticket, IEnumerable<CaseEvent> history, IEnumerable<ExportedComplaint> complaints) =>
        new(ticket, ticket.IntegratorId, ticket.Number, HeaderOf(ticket), EventsOf(ticket, history, complaints));

    /// <summary>A reported ticket as its enterprise reported it (the contact left out).</summary>
    public static ExportedTicket Reported(Ticket ticket, IEnumerable<ReportedRecord> records)
    {
        var all = records.OrderBy(r => r.Sequence).ToList();
        var head = all.FirstOrDefault(r => r.Sequence == 0);
        var header = head is null ? HeaderOf(ticket) : ReportedTicketFold.Header(head) with { ContactName = null, ContactPhone = null };
        return new(ticket, ticket.ReportedBy, ticket.ExternalId ?? ticket.Number, header,
            all.Where(r => r.Sequence > 0).Select(ReportedTicketFold.Event).ToList());
    }

    public static ReportedTicketData HeaderOf(Ticket t) => new(
        t.CreatedAt.ToOffset(China), t.Channel, t.ProcurementUnit, null, null, t.CityCode, t.CountyCode, t.ProductCategory,
        Blank(t.ProductVendor), Blank(t.ProductModel), Blank(t.Cpu), Blank(t.Os), t.Title, Blank(t.Description), t.Impact);

    public static IReadOnlyList<ReportedEventData> EventsOf(Ticket ticket, IEnumerable<CaseEvent> history, IEnumerable<ExportedComplaint> complaints)
    {
        var lines = history.Where(e => e.CaseKind == "ticket").OrderBy(e => e.Sequence).ToList();
        var found = new List<(DateTimeOffset At, int Order, ReportedEventData Event)>();
        var paused = "";
        var order = 0;
        void Add(DateTimeOffset at, string kind, string? technician = null, string? county = null, string? reason = null, string? resolution = null,
            int? satisfaction = null, string? comment = null) =>
            found.Add((at, order++, new ReportedEventData(0, at.ToOffset(China), kind, technician, county, reason, resolution, satisfaction, comment)));

        for (var i = 0; i < lines.Count; i++)
        {
            var e = lines[i];
            var to = e.ToStatus;
            var from = e.FromStatus;
            switch (e.Kind)
            {
                case "clock-pause" when paused == "" && to != TicketStatus.VendorSupport.Code && !VendorFollows(lines, i):
                    paused = "user";
                    Add(e.At, ExchangeKinds.Paused, reason: "user");
                    continue;
                case "clock-resume" when paused == "user":
                    paused = "";
                    Add(e.At, ExchangeKinds.Resumed);
                    continue;
                case "clock-pause" or "clock-resume" or "clock-start" or "clock-stop" or "clock-reopen" or "clock-retarget":
                    continue;
                case "feedback":
                    var data = Data(e);
                    Add(e.At, ExchangeKinds.Feedback, satisfaction: data?["satisfaction"]?.GetValue<int>() ?? ticket.Satisfaction,
                        comment: Clip(data?["comment"]?.GetValue<string>(), 2000));
                    continue;
                case "complaint":
                    continue; // from the complaint cases, with their closing
            }
            // A dispatch puts the ticket in a technician's hands (the dispatch step, a dispatcher's choice, a reassignment
            // before acceptance): an event even when the ticket was already dispatched (its technician gave it back), with
            // the technician and the county of their service point as recorded at that dispatch.
            if (to == TicketStatus.Dispatched.Code && (from != to || Redispatches.Contains(e.Kind)) && Data(e) is { } dispatch && dispatch["technician"] is not null)
            {
                // Lines written before the county was recorded take the ticket's current service point's, as exports did then.
                Add(e.At, ExchangeKinds.Dispatched, technician: dispatch["technician"]?.GetValue<string>() ?? ticket.TechnicianName ?? "",
                    county: dispatch["servicePointCounty"]?.GetValue<string>() ?? ticket.ServicePointCounty ?? ticket.CountyCode);
                continue;
            }
            if (to is null || to == from) continue;
            if (to == TicketStatus.VendorSupport.Code)
            {
                if (paused != "vendor") Add(e.At, ExchangeKinds.Paused, reason: "vendor");
                paused = "vendor";
                continue;
            }
            if (from == TicketStatus.VendorSupport.Code && paused == "vendor")
            {
                paused = "";
                Add(e.At, ExchangeKinds.Resumed);
                if (to is "onsite" or "remote" or "accepted" or "travelling") continue;
            }
            switch (to)
            {
                case "dispatched":   // a move to dispatched that names no technician (not written by the platform's steps)
                    Add(e.At, ExchangeKinds.Dispatched, technician: ticket.TechnicianName ?? "", county: ticket.ServicePointCounty ?? ticket.CountyCode);
                    break;
                case "accepted": Add(e.At, ExchangeKinds.Accepted); break;
                case "travelling": Add(e.At, ExchangeKinds.SetOut); break;
                case "onsite": Add(e.At, ExchangeKinds.CheckedIn); break;
                case "remote": Add(e.At, ExchangeKinds.Remote); break;
                case "resolved":
                    Add(e.At, ExchangeKinds.Resolved, resolution: Clip(e.Note, 10000) ?? Clip(ticket.Resolution, 10000) ?? "—");
                    break;
                case "reopened": Add(e.At, ExchangeKinds.Reopened, comment: Clip(e.Note, 2000)); break;
                case "closed": Add(e.At, ExchangeKinds.Closed); break;
                case "cancelled": Add(e.At, ExchangeKinds.Cancelled, comment: Clip(e.Note, 2000)); break;
            }
        }
        foreach (var c in complaints)
        {
            Add(c.CreatedAt, ExchangeKinds.Complaint, comment: Clip(c.Description, 2000));
            if (c.ClosedAt is { } closed) Add(closed, ExchangeKinds.ComplaintClosed);
        }
        var sequence = 0;
        return found.OrderBy(f => f.At).ThenBy(f => f.Order).Select(f => f.Event with { Sequence = ++sequence }).ToList();
    }

    /// <summary>The record as the standard writes it (nulls left out), with its type, enterprise and external id first.</summary>
    public static void WriteTicket(Utf8JsonWriter json, ExportedTicket t) => WriteRecord(json, ExchangeKinds.Ticket, t, JsonSerializer.SerializeToElement(t.Header, Write));

    public static void WriteEvent(Utf8JsonWriter json, ExportedTicket t, ReportedEventData e) => WriteRecord(json, ExchangeKinds.Event, t, JsonSerializer.SerializeToElement(e, Write));

    private static void WriteRecord(Utf8JsonWriter json, string type, ExportedTicket t, JsonElement body)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        if (t.Enterprise is { } e) json.WriteString("enterprise", e);
        else json.WriteNull("enterprise");
        json.WriteString("externalId", t.ExternalId);
        foreach (var p in body.EnumerateObject()) p.WriteTo(json);
        json.WriteEndObject();
    }

    /// <summary>The next step after a clock pause (its other clock lines aside) is the vendor's support: the pause is the vendor's, not the user's.</summary>
    private static bool VendorFollows(List<CaseEvent> lines, int i)
    {
        for (var j = i + 1; j < lines.Count; j++)
            if (!lines[j].Kind.StartsWith("clock-", StringComparison.Ordinal)) return lines[j].ToStatus == TicketStatus.VendorSupport.Code;
        return false;
    }

    private static JsonNode? Data(CaseEvent e)
    {
        if (string.IsNullOrEmpty(e.Data)) return null;
        try { return JsonNode.Parse(e.Data); }
        catch (JsonException) { return null; }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static string? Clip(string? s, int max) => Blank(s) is { } t ? t.Length > max ? t[..max] : t : null;
}
