namespace XinchuangFlow.Domain.Network;

/// <summary>持证上岗: a certificate for one product category, valid between two dates (inclusive).</summary>
public sealed record Certificate(Guid TechnicianId, string ProductCategory, DateOnly ValidFrom, DateOnly ValidUntil)
{
    public bool ValidOn(DateOnly day) => day >= ValidFrom && day <= ValidUntil;
}
