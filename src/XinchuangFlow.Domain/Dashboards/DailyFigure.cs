namespace XinchuangFlow.Domain.Dashboards;

/// <summary>
/// One day's service figures (China time) of one county and one enterprise (DSH-1, PERF-2): what the dashboards sum so
/// they never scan the tickets. The tickets created that day form the cohort of every figure but <see cref="Closed"/>,
/// which counts the tickets closed that day. <see cref="EnterpriseId"/> is the serving enterprise (the integrator, or
/// the enterprise that reported the ticket), <see cref="Guid.Empty"/> while none serves it.
/// </summary>
public sealed class DailyFigure
{
    /// <summary>A day × county × enterprise row, as folded from the tickets.</summary>
    public const int Detail = 0;
    /// <summary>A day × county row (every enterprise; <see cref="EnterpriseId"/> empty): the region's map, counties and trend.</summary>
    public const int ByCounty = 1;
    /// <summary>A day × city × enterprise row (every county of the city; <see cref="CountyCode"/> empty): the region's enterprises.</summary>
    public const int ByCityEnterprise = 2;

    public long Id { get; set; }
    /// <summary>
    /// Which sum of the detail rows this row is (<see cref="Detail"/>, <see cref="ByCounty"/>, <see cref="ByCityEnterprise"/>):
    /// the region's dashboard reads the coarser rows, a hundredth to a tenth as many at a million tickets (PERF-2).
    /// </summary>
    public int Grain { get; set; }
    public DateOnly Day { get; set; }
    public string CityCode { get; set; } = "";
    public string CountyCode { get; set; } = "";
    public Guid EnterpriseId { get; set; }
    /// <summary>Tickets created that day (cancelled ones excluded), of which <see cref="Reported"/> came from an enterprise's platform.</summary>
    public int Created { get; set; }
    public int Reported { get; set; }
    /// <summary>Tickets closed that day (whenever they were created).</summary>
    public int Closed { get; set; }
    /// <summary>On-site clocks decided (stopped, or late already) and kept, in all, within the city (4 h) and from another city (12 h).</summary>
    public int OnSiteDue { get; set; }
    public int OnSiteMet { get; set; }
    public int SameCityDue { get; set; }
    public int SameCityMet { get; set; }
    public int OtherCityDue { get; set; }
    public int OtherCityMet { get; set; }
    public int SatisfactionSum { get; set; }
    public int SatisfactionCount { get; set; }
    /// <summary>Ratings of 1 or 2.</summary>
    public int Dissatisfied { get; set; }
    /// <summary>Complaints filed on the day's tickets (the platform's and the reported ones).</summary>
    public int Complaints { get; set; }

    public bool IsEmpty => Created == 0 && Closed == 0;

    /// <summary>Adds another row's figures to this one's.</summary>
    public void Add(DailyFigure f)
    {
        (Created, Reported, Closed) = (Created + f.Created, Reported + f.Reported, Closed + f.Closed);
        (OnSiteDue, OnSiteMet, SameCityDue, SameCityMet, OtherCityDue, OtherCityMet) = (OnSiteDue + f.OnSiteDue, OnSiteMet + f.OnSiteMet,
            SameCityDue + f.SameCityDue, SameCityMet + f.SameCityMet, OtherCityDue + f.OtherCityDue, OtherCityMet + f.OtherCityMet);
        (SatisfactionSum, SatisfactionCount, Dissatisfied, Complaints) = (SatisfactionSum + f.SatisfactionSum, SatisfactionCount + f.SatisfactionCount,
            Dissatisfied + f.Dissatisfied, Complaints + f.Complaints);
    }
}

/// <summary>
/// One day's tickets by product category and platform (OS and CPU) within a city and enterprise: the "top failing
/// products and platforms" of the dashboards. Empty strings stand for "not given".
/// </summary>
public sealed class DailyProductFigure
{
    /// <summary>A day × city × enterprise × category × platform row, as folded from the tickets.</summary>
    public const int Detail = 0;
    /// <summary>A day × category × platform row of the whole region (<see cref="CityCode"/> and <see cref="EnterpriseId"/> empty).</summary>
    public const int Region = 1;

    public long Id { get; set; }
    /// <summary>Which sum of the detail rows this row is (<see cref="Detail"/> or <see cref="Region"/>).</summary>
    public int Grain { get; set; }
    public DateOnly Day { get; set; }
    public string CityCode { get; set; } = "";
    public Guid EnterpriseId { get; set; }
    public string ProductCategory { get; set; } = "";
    public string Os { get; set; } = "";
    public string Cpu { get; set; } = "";
    public int Created { get; set; }
}

/// <summary>How far the figures are folded: the moment the last fold started (one row).</summary>
public sealed class DashboardFoldMark
{
    public int Id { get; set; } = 1;
    public DateTimeOffset FoldedTo { get; set; }
}
