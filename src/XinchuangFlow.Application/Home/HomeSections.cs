namespace XinchuangFlow.Application.Home;

/// <summary>The parts of a user's home page (decided by <see cref="Access.AccessService.HomeOf"/>).</summary>
[Flags]
public enum HomeSections
{
    None = 0,
    /// <summary>A technician: the home sends them to the phone pages.</summary>
    Field = 1,
    /// <summary>A procurement unit: its open requests, what to rate, what to confirm.</summary>
    Unit = 2,
    /// <summary>Whoever works an inbox: mine, my team's, overdue, due soon, and the next tasks.</summary>
    Inbox = 4,
    /// <summary>A municipal coordinator: the city's open and overdue tickets and complaints waiting for review.</summary>
    City = 8,
    /// <summary>The Data Bureau and the Intranet Office: the region's figures and the cities with most overdue.</summary>
    Region = 16,
    /// <summary>The Data Bureau's administrators: the flows and the instances with faults.</summary>
    Flows = 32,
}
