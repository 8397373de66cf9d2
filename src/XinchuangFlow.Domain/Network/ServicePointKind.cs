namespace XinchuangFlow.Domain.Network;

/// <summary>自有网点, 共享售后资源 or 外包维修.</summary>
public enum ServicePointKind { OwnOutlet, SharedResource, OutsourcedRepair }
