namespace XinchuangFlow.Domain.Network;

/// <summary>Counties of one city where an enterprise has no service point.</summary>
public sealed record CoverageGap(string CityCode, string CityName, IReadOnlyList<Division> CountiesWithoutPoint);
