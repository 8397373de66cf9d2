using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets;

/// <summary>One of the unit's requests in plain words: its state, the promise, who comes and how to reach them.</summary>
public sealed record PortalRow(Ticket Ticket, string StatusZh, OnSitePromise Promise, bool AwaitsMyFeedback);
