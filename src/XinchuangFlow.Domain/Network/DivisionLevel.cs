namespace XinchuangFlow.Domain.Network;

/// <summary>Level of an administrative division.</summary>
public enum DivisionLevel { City, County }
