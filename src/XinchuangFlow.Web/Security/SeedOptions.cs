namespace XinchuangFlow.Web.Security;

/// <summary>Seed settings (section <c>Seed</c>).</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";
    public bool DemoData { get; set; } = true;
    public string AdminEmail { get; set; } = "admin@xinchuang.local";
    public string AdminPassword { get; set; } = "";
    /// <summary>How many demo work orders to play through the service-ticket flow on an empty database.</summary>
    public int DemoTickets { get; set; } = 300;
}
