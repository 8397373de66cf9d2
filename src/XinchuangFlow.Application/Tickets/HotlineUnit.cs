using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets;

/// <summary>A unit as the hotline desk finds it: how many of its tickets are open.</summary>
public sealed record HotlineUnit(ProcurementUnit Unit, int OpenTickets);
