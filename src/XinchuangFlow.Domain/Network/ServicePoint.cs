namespace XinchuangFlow.Domain.Network;

public sealed record ServicePoint(Guid Id, Guid EnterpriseId, string Name, ServicePointKind Kind, string CountyCode);
