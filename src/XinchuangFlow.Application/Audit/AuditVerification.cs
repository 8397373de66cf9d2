namespace XinchuangFlow.Application.Audit;

/// <summary>What verifying the chain found: how far it is intact, and the first line that breaks it.</summary>
public sealed record AuditVerification(long Sealed, int Unsealed, string? HeadHash, long? BrokenAt, Guid? BrokenLine, string? Problem)
{
    public bool Intact => BrokenAt is null;
}
