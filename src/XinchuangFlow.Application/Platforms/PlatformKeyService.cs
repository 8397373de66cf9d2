using System.Security.Cryptography;
using System.Text;
using XinchuangFlow.Application.Access;

namespace XinchuangFlow.Application.Platforms;

/// <summary>
/// API keys for other platforms (INT-4): the Data Bureau issues one per platform (shown once, stored as a SHA-256 hash),
/// lists and revokes them; a request with a valid key acts as that platform's service account — recording requests for
/// units and following them, as the hotline desk does. A revoked or unknown key is refused.
/// </summary>
public sealed class PlatformKeyService(IPlatformClientStore store, AccessService access, Audit.IAuditLog audit, TimeProvider clock,
    Domain.Network.INetworkRepository network)
{
    public const string KeyStart = "xfk_";

    /// <summary>
    /// Issues a key (Data Bureau). With <paramref name="enterpriseId"/> it is for that enterprise's own service platform:
    /// the key reports the enterprise's service data (DAT-2) and nothing else.
    /// </summary>
    public async Task<(PlatformClient Client, string Key)> IssueAsync(Actor actor, string? name, Guid? enterpriseId = null, CancellationToken ct = default)
    {
        CheckBureau(actor, "issue an API key");
        if (enterpriseId is { } e && await network.FindEnterpriseAsync(e, ct) is null)
            throw new InvalidInputException(Problem.Of(PlatformProblems.UnknownEnterprise, "enterpriseId", "There is no enterprise of this id.", ("value", e)));
        if (name is null || !Domain.Tickets.TextRules.HasVisibleText(name)) throw new InvalidInputException(Problem.Of(PlatformProblems.NameMissing, "name", "Name the platform the key is for."));
        if (Domain.Tickets.TextRules.Check(name, "name", 100, multiline: false) is { } bad) throw new InvalidInputException([bad]);
        var prefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var key = $"{KeyStart}{prefix}_{secret}";
        var client = new PlatformClient { Id = Guid.CreateVersion7(), Name = name.Trim(), Prefix = prefix, KeyHash = Hash(key), CreatedAt = clock.GetUtcNow(), CreatedBy = actor.UserName,
            EnterpriseId = enterpriseId };
        await store.AddAsync(client, ct);
        await audit.RecordAsync(new Audit.AuditEntry
        {
            Id = Guid.CreateVersion7(), At = client.CreatedAt, User = actor.UserName, EntityKind = "platform-key", EntityId = prefix, Action = "issue",
            After = $"{client.Name} ({prefix}; only its SHA-256 is stored){(enterpriseId is { } id ? $"; reports the service data of enterprise {id}" : "")}",
        }, ct);
        return (client, key);
    }

    public async Task<IReadOnlyList<PlatformClient>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        CheckBureau(actor, "list API keys");
        return await store.ListAsync(ct);
    }

    public async Task RevokeAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        CheckBureau(actor, "revoke an API key");
        var now = clock.GetUtcNow();
        if (!await store.RevokeAsync(id, now, ct)) throw new NotFoundException(Problem.Of(PlatformProblems.KeyNotFound, null, $"There is no active API key {id}.", ("id", id)));
        await audit.RecordAsync(new Audit.AuditEntry { Id = Guid.CreateVersion7(), At = now, User = actor.UserName, EntityKind = "platform-key", EntityId = id.ToString(), Action = "revoke" }, ct);
    }

    /// <summary>The platform a presented key belongs to, or null (unknown, malformed or revoked).</summary>
    public async Task<PlatformClient?> AuthenticateAsync(string? key, CancellationToken ct = default)
    {
        if (key is null || !key.StartsWith(KeyStart, StringComparison.Ordinal) || key.Length > 100) return null;
        var parts = key[KeyStart.Length..].Split('_', 2);
        if (parts.Length != 2 || parts[0].Length != 8) return null;
        var client = await store.FindByPrefixAsync(parts[0], ct);
        if (client is null || client.RevokedAt is not null) return null;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(client.KeyHash))) return null;
        await store.TouchAsync(client.Id, clock.GetUtcNow(), ct);
        return client;
    }

    /// <summary>The user name a platform acts under (audit lines, created-by of its tickets).</summary>
    public static string UserNameOf(PlatformClient client) => UserNamePrefix + client.Prefix;

    /// <summary>What every platform's user name starts with (a person's user name cannot hold the colon).</summary>
    public const string UserNamePrefix = "platform:";

    /// <summary>Whether a user name is a platform's (signed in with an API key) rather than a person's.</summary>
    public static bool IsPlatform(string? userName) => userName?.StartsWith(UserNamePrefix, StringComparison.Ordinal) == true;

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    private void CheckBureau(Actor actor, string action)
    {
        if (!actor.IsInRole(Roles.DataBureauAdmin)) throw access.Denied(actor, action, "Only the Data Bureau issues and revokes API keys for other platforms.");
    }
}
