namespace XinchuangFlow.Domain.Network;

/// <summary>Shortlist status: only active enterprises receive work.</summary>
public enum ShortlistStatus { Active, Suspended, Removed }
