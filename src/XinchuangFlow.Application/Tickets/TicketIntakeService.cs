using XinchuangFlow.Domain.Time;
using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// Intake of work orders and complaints (FLOW-1/2, INT-1/2). A ticket is created by starting the service-ticket flow
/// whose first step registers it, so the ticket and its flow exist together or not at all; only this use case starts
/// the case flows. A repeated idempotency key returns the first case when the request is the same, and is refused
/// (422) when it is not.
/// </summary>
public sealed class TicketIntakeService(WorkflowRuntime runtime, ICaseDirectory cases, ITicketRepository tickets, AccessService access,
    GuangxiDivisions divisions, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> ComplaintCategories = ["service", "timeliness", "quality", "attitude", "other"];

    /// <summary>
    /// Accepts a request from <paramref name="actor"/>: checks, numbers, starts the flow. The entry decides what is not
    /// the client's to say: a unit's user files for their own unit, at its place (the unit's record gives the city and
    /// county, whatever the request says), through the portal; the channel is the entry's (<see cref="ChannelOf"/>).
    /// </summary>
    public async Task<(Ticket Ticket, bool Duplicate)> CreateAsync(Actor actor, NewTicket ticket, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var request = ticket.ToRequest(idempotencyKey);
        if (!access.MayRecordRequests(actor))
            throw access.Denied(actor, "record a request", "Only procurement units, dispatchers (hotline) and the Data Bureau record requests.");
        request.Channel = ChannelOf(actor, ticket.Channel);
        if (!access.RecordsForOthers(actor))
        {
            // A unit files for itself only, where it is; what the client sent about the unit and its place is ignored.
            request.ProcurementUnitId = actor.UnitId;
            request.ProcurementUnit = "";
            if (actor.UnitId is { } own && await cases.FindUnitAsync(own, ct) is { CityCode.Length: > 0, CountyCode.Length: > 0 } unit)
                (request.CityCode, request.CountyCode) = (unit.CityCode, unit.CountyCode);
        }
        return await CreateTrustedAsync(request, actor.UserName, access.RecordsForOthers(actor), ct);
    }

    /// <summary>The channels a desk (a dispatcher at the hotline, the Data Bureau) may record a request as.</summary>
    public static readonly IReadOnlyList<string> DeskChannels = ["hotline", "email", "onsite"];

    /// <summary>
    /// The channel of a request, decided by the entry it came through (SEC-5), not by the client: another platform
    /// with an API key is <c>api</c>; a unit's user (the portal, or the API with their sign-in) is <c>portal</c>; a desk
    /// (a dispatcher, the Data Bureau) records how the request reached it — <c>hotline</c> (the default), <c>email</c>
    /// (a mail typed in) or <c>onsite</c> — and may not claim <c>portal</c> or <c>api</c>. The service mailbox files its
    /// tickets as <c>email</c> on its own (<see cref="CreateTrustedAsync"/>).
    /// </summary>
    public string ChannelOf(Actor actor, string? asked)
    {
        if (Platforms.PlatformKeyService.IsPlatform(actor.UserName)) return "api";
        if (!access.RecordsForOthers(actor)) return "portal";
        asked = asked?.Trim();
        if (string.IsNullOrEmpty(asked)) return "hotline";
        return DeskChannels.Contains(asked)
            ? asked
            : throw new InvalidInputException(Problem.Of(TicketProblems.DeskChannel, "channel",
                $"A desk records a request as {string.Join(", ", DeskChannels)}; '{asked}' is not one of them (portal and api are the units' and the platforms' own).", ("value", asked)));
    }

    /// <summary>
    /// Intake for callers the application already trusts (the demo seeder, the mailbox): the same checks without a
    /// user's permission. <paramref name="mayNameIntegrator"/>: whether the request may name an integrator for a unit
    /// without a contract.
    /// </summary>
    public async Task<(Ticket Ticket, bool Duplicate)> CreateTrustedAsync(TicketRequest request, string? user, bool mayNameIntegrator, CancellationToken ct = default)
    {
        request.Clean();
        request.Number = null;   // numbers and authors are never the client's to choose
        request.CreatedBy = user;
        var errors = request.Validate(divisions);
        if (request.RequestKey is { Length: > 0 } key && await cases.FindTicketByKeyAsync(user, key, ct) is { } existing)
            return (SameOrRefuse(existing, request, key), true);
        ProcurementUnit? unit = null;
        if (request.ProcurementUnitId is { } unitId)
        {
            unit = await cases.FindUnitAsync(unitId, ct);
            if (unit is null) errors.Add(Problem.Of(IntakeProblems.UnitUnknown, "procurementUnitId", $"Procurement unit {unitId} does not exist."));
        }
        if (unit is not null)
        {
            if (string.IsNullOrWhiteSpace(request.ProcurementUnit)) { request.ProcurementUnit = unit.Name; errors.RemoveAll(p => p.Field == "procurementUnit"); }
            if (unit.IntegratorId is { } contracted)
            {
                // The unit's contract decides who serves it; a request cannot choose another integrator.
                if (request.IntegratorId is { } asked && asked != contracted)
                    errors.Add(Problem.Of(IntakeProblems.IntegratorContracted, "integratorId", $"{unit.Name} is served by its contracted integrator ({contracted}); a request cannot name another.", ("unit", unit.Name)));
                request.IntegratorId = contracted;
            }
        }
        if (request.IntegratorId is { } integratorId && unit?.IntegratorId is null)
        {
            if (!mayNameIntegrator)
                errors.Add(Problem.Of(IntakeProblems.IntegratorNotYours, "integratorId", "Only a dispatcher or the Data Bureau may name the integrator of a unit without a contract."));
            else if (!await cases.IntegratorExistsAsync(integratorId, ct))
                errors.Add(Problem.Of(IntakeProblems.IntegratorUnknown, "integratorId", $"Integrator {integratorId} does not exist."));
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);

        var now = clock.GetUtcNow();
        var prefix = $"GX-{request.CityCode}-{now.ToChina():yyyyMMdd}";
        request.Number = $"{prefix}-{await tickets.NextSequenceAsync(prefix, ct):00000}";
        var input = new JsonObject { ["request"] = JsonSerializer.SerializeToNode(request, Json) };
        WorkflowInstance instance;
        try
        {
            instance = await runtime.StartAsync(new StartRequest(CaseFlows.ServiceTicket, input, CorrelationId: request.Number, User: user), ct);
        }
        catch (ConcurrencyConflictException) when (request.RequestKey is { Length: > 0 })
        {
            // The same request arrived twice at once: the unique key let one through; answer with that one.
            if (await cases.FindTicketByKeyAsync(user, request.RequestKey, ct) is { } first) return (SameOrRefuse(first, request, request.RequestKey), true);
            throw;
        }
        var ticket = await tickets.FindTicketByInstanceAsync(instance.Id, ct)
                     ?? throw new InvalidOperationException($"The service-ticket flow (instance {instance.Id}, {instance.Status}) did not register the ticket; see its incidents.");
        return (ticket, false);
    }

    private static Ticket SameOrRefuse(Ticket existing, TicketRequest request, string key) =>
        request.SameAs(existing) ? existing : throw new IdempotencyKeyReusedException(key, $"ticket {existing.Number}", existing.Number);

    /// <summary>
    /// Files a complaint, on a ticket in the actor's scope or on its own, and starts the complaint flow. A unit's
    /// complaint without a ticket concerns the unit's own city (the unit's record decides, not the request).
    /// </summary>
    public async Task<(Complaint Complaint, bool Duplicate)> FileComplaintAsync(Actor actor, string? ticketIdOrNumber, ComplaintRequest request, CancellationToken ct = default)
    {
        Ticket? ticket = null;
        if (ticketIdOrNumber is not null)
            ticket = await cases.FindTicketAsync(ticketIdOrNumber, access.ScopeOf(actor), ct) ?? throw access.NotFound(actor, "ticket", ticketIdOrNumber);
        if (!access.MayFileComplaints(actor))
            throw access.Denied(actor, "file a complaint", "Complaints are filed by the procurement unit.");
        return await FileComplaintTrustedAsync(ticket, request, actor.UserName, actor.UnitId, ct);
    }

    /// <summary>Files a complaint for a caller the application already trusts (the demo seeder).</summary>
    public async Task<(Complaint Complaint, bool Duplicate)> FileComplaintTrustedAsync(Ticket? ticket, ComplaintRequest request, string? user, Guid? unitId, CancellationToken ct = default)
    {
        var description = request.Description ?? "";
        var category = request.Category ?? "service";
        var errors = new ProblemList();
        errors.AddIf(TextRules.Check(description, "description", 5000, multiline: true));
        if (!ComplaintCategories.Contains(category))
            errors.Add(Problem.Of(TextProblems.NotInList, "category", $"Use {string.Join(", ", ComplaintCategories)}.", ("value", category)));
        if (request.RequestKey is { Length: > 100 })
            errors.Add(Problem.Of(TextProblems.TooLong, "requestKey", "The request key is longer than 100 characters.", ("length", request.RequestKey.Length), ("max", 100)));
        if (request.RequestKey is { Length: > 0 } key && await cases.FindComplaintByKeyAsync(user, key, ct) is { } existing)
        {
            var same = existing.Description == description && existing.Category == category && existing.TicketId == ticket?.Id;
            return same ? (existing, true) : throw new IdempotencyKeyReusedException(key, $"complaint {existing.Number}", existing.Number);
        }
        var unit = ticket is null && unitId is { } u ? await cases.FindUnitAsync(u, ct) : null;
        var city = ticket?.CityCode ?? (unit is { CityCode.Length: > 0 } ? unit.CityCode : request.CityCode);
        if (city is null || divisions.Cities.All(c => c.Code != city))
            errors.Add(Problem.Of(TextProblems.NotACity, "cityCode", "A complaint without a ticket needs the city it concerns.", ("value", city ?? "")));
        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        var prefix = $"TS-{city}-{now.ToChina():yyyyMMdd}";
        var complaint = new JsonObject
        {
            ["number"] = $"{prefix}-{await tickets.NextSequenceAsync(prefix, ct):00000}",
            ["ticketId"] = ticket?.Id.ToString(),
            ["ticketNumber"] = ticket?.Number,
            ["requestKey"] = request.RequestKey,
            ["procurementUnitId"] = (ticket?.ProcurementUnitId ?? unitId)?.ToString(),
            ["procurementUnit"] = ticket?.ProcurementUnit ?? unit?.Name ?? "",
            ["cityCode"] = city,
            ["enterpriseId"] = ticket?.IntegratorId?.ToString(),
            ["category"] = category,
            ["description"] = description,
            ["createdBy"] = user,
        };
        WorkflowInstance instance;
        try
        {
            instance = await runtime.StartAsync(new StartRequest(CaseFlows.Complaint, new JsonObject { ["complaint"] = complaint },
                CorrelationId: complaint["number"]!.GetValue<string>(), User: user), ct);
        }
        catch (ConcurrencyConflictException) when (request.RequestKey is { Length: > 0 })
        {
            if (await cases.FindComplaintByKeyAsync(user, request.RequestKey, ct) is { } first) return (first, true);
            throw;
        }
        return (await tickets.FindComplaintByInstanceAsync(instance.Id, ct)
                ?? throw new InvalidOperationException($"The complaint flow (instance {instance.Id}, {instance.Status}) did not file the complaint; see its incidents."), false);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
