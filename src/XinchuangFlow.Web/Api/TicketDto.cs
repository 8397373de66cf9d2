using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Web.Api;

/// <summary>A work order as the API shows it, with its SLA clocks.</summary>
public sealed record TicketDto(Guid Id, string Number, string Status, string StatusName, string Channel, DateTimeOffset CreatedAt, string? CreatedBy,
    string ProcurementUnit, string ContactName, string CityCode, string CountyCode, string ProductCategory, string Title, string Description,
    string Impact, string? Grade, string? GradeExplanation, Guid? IntegratorId, string? TechnicianName, string? TechnicianUser, string? ServicePointCounty,
    JsonNode? DispatchExplanation, DateTimeOffset? CheckInAt, string? Resolution, int? Satisfaction, bool FirstTimeFix, bool Breached,
    DateTimeOffset? ResponseDueAt, DateTimeOffset? OnSiteDueAt, DateTimeOffset? ResolutionDueAt, IReadOnlyList<ClockDto> Clocks, Guid InstanceId,
    DateTimeOffset? SetOutAt = null, string? CheckInLocation = null, double? CheckInLatitude = null, double? CheckInLongitude = null, double? CheckInAccuracy = null,
    string? PartsUsed = null, string? ConfirmedBy = null, string? ContactPhone = null, string? ContactEmail = null, string? Address = null,
    string? ProductVendor = null, string? ProductModel = null, string? SerialNumber = null, string? Cpu = null, string? Os = null, Guid? ProcurementUnitId = null,
    string? CitedArticles = null, XinchuangFlow.Application.Knowledge.KnowledgeSuggestions? Suggestions = null, Guid? ReportedBy = null, string? ExternalId = null)
{
    public static TicketDto From(Ticket t, DateTimeOffset now)
    {
        var clocks = t.Clocks();
        return new TicketDto(t.Id, t.Number, t.Status.Code, t.Status.NameZh, t.Channel, t.CreatedAt, t.CreatedBy,
            t.ProcurementUnit, t.ContactName, t.CityCode, t.CountyCode, t.ProductCategory, t.Title, t.Description, t.Impact, t.Grade?.Code, t.GradeExplanation,
            t.IntegratorId, t.TechnicianName, t.TechnicianUser, t.ServicePointCounty,
            t.DispatchExplanation is null ? null : JsonNode.Parse(t.DispatchExplanation), t.CheckInAt, t.Resolution, t.Satisfaction, t.FirstTimeFix, t.Breached,
            t.ResponseDueAt, t.OnSiteDueAt, t.ResolutionDueAt,
            clocks.All.Select(c => ClockDto.From(t, c, now)).ToList(), t.InstanceId,
            t.SetOutAt, t.CheckInLocation, t.CheckInLatitude, t.CheckInLongitude, t.CheckInAccuracy, t.PartsUsed, t.ConfirmedBy,
            t.ContactPhone, t.ContactEmail, t.Address, t.ProductVendor, t.ProductModel, t.SerialNumber, t.Cpu, t.Os, t.ProcurementUnitId, t.CitedArticles,
            ReportedBy: t.ReportedBy, ExternalId: t.ExternalId);
    }
}
