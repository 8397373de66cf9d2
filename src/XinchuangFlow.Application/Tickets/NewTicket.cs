using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// A request for service as a client sends it (portal, hotline desk, API). It is the contract, separate from the
/// domain's <see cref="TicketRequest"/>: a client cannot set what is not theirs to choose (the ticket number, the
/// author), and the intake decides the rest (the unit of a unit user, the integrator of the unit's contract). The entry
/// decides too: for a unit's user <see cref="CityCode"/> and <see cref="CountyCode"/> are the unit's own (what is sent is
/// ignored) and <see cref="Channel"/> is <c>portal</c>; for another platform's API key it is <c>api</c>; only a desk
/// (a dispatcher, the Data Bureau) names it, as <c>hotline</c> (the default), <c>email</c> or <c>onsite</c>
/// (<see cref="TicketIntakeService.ChannelOf"/>).
/// </summary>
public sealed record NewTicket(
    string? ContactName = null, string? ContactPhone = null, string? ContactEmail = null,
    string? CityCode = null, string? CountyCode = null, string? Address = null,
    string? ProductCategory = null, string? ProductVendor = null, string? ProductModel = null, string? Cpu = null, string? Os = null,
    string? Title = null, string? Description = null, string? Impact = null,
    string? Channel = null, string? RequestKey = null, string? ExternalId = null,
    Guid? ProcurementUnitId = null, string? ProcurementUnit = null, Guid? IntegratorId = null, string? SerialNumber = null)
{
    /// <summary>The domain request this contract asks for; <paramref name="idempotencyKey"/> applies when the body names none.</summary>
    public TicketRequest ToRequest(string? idempotencyKey = null) => new()
    {
        Channel = string.IsNullOrWhiteSpace(Channel) ? "portal" : Channel,
        RequestKey = RequestKey ?? idempotencyKey,
        ExternalId = ExternalId,
        ProcurementUnitId = ProcurementUnitId,
        ProcurementUnit = ProcurementUnit ?? "",
        ContactName = ContactName ?? "",
        ContactPhone = ContactPhone,
        ContactEmail = ContactEmail,
        CityCode = CityCode ?? "",
        CountyCode = CountyCode ?? "",
        Address = Address,
        ProductCategory = ProductCategory ?? "",
        ProductVendor = ProductVendor,
        ProductModel = ProductModel,
        SerialNumber = SerialNumber,
        Cpu = Cpu,
        Os = Os,
        Title = Title ?? "",
        Description = Description ?? "",
        Impact = Impact ?? Impacts.Single,
        IntegratorId = IntegratorId,
    };
}
