namespace XinchuangFlow.Domain.Network;

/// <summary>An approximate centre of a city or county (GCJ-02): good enough to order "nearest other city" and show distances.</summary>
public sealed record CityCentre(string Code, double Latitude, double Longitude);
