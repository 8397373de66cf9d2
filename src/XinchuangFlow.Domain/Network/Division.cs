namespace XinchuangFlow.Domain.Network;

/// <summary>A prefecture-level city (4-digit code) or county-level division (6-digit code) of Guangxi.</summary>
public sealed record Division(string Code, string Name, DivisionLevel Level, string ParentCode)
{
    /// <summary>The 4-digit code of the prefecture-level city this division is (or belongs to).</summary>
    public string CityCode => Level == DivisionLevel.City ? Code : ParentCode;
}
