namespace XinchuangFlow.Domain.Tickets;

/// <summary>A procurement (budget) unit: the government customer; its contract names the responsible integrator.</summary>
public sealed class ProcurementUnit
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string CityCode { get; set; } = "";
    public string CountyCode { get; set; } = "";
    public Guid? IntegratorId { get; set; }
}
