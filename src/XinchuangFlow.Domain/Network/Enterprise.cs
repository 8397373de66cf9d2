namespace XinchuangFlow.Domain.Network;

public sealed record Enterprise(Guid Id, string Name, EnterpriseKind Kind, ShortlistStatus Status);
