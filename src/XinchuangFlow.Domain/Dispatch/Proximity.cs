namespace XinchuangFlow.Domain.Dispatch;

/// <summary>How close a service point is to the requester.</summary>
public enum Proximity { SameCounty = 0, SameCity = 1, OtherCity = 2 }
