namespace XinchuangFlow.Application.Platforms;

public interface IPlatformClientStore
{
    Task AddAsync(PlatformClient client, CancellationToken ct = default);
    Task<PlatformClient?> FindByPrefixAsync(string prefix, CancellationToken ct = default);
    Task<IReadOnlyList<PlatformClient>> ListAsync(CancellationToken ct = default);
    Task<bool> RevokeAsync(Guid id, DateTimeOffset at, CancellationToken ct = default);
    Task TouchAsync(Guid id, DateTimeOffset at, CancellationToken ct = default);
}
