namespace XinchuangFlow.Application.Access;

/// <summary>Where accounts are kept (the identity store implements it).</summary>
public interface IUserAccounts
{
    Task<IReadOnlyList<UserAccount>> ListAsync(string? text, int take, CancellationToken ct = default);
    Task<UserAccount?> FindAsync(string userName, CancellationToken ct = default);
    /// <summary>Creates the account with a password that has expired (it must be changed at the first sign-in); returns the store's problems, none when created.</summary>
    Task<IReadOnlyList<string>> CreateAsync(NewUserAccount account, string temporaryPassword, CancellationToken ct = default);
    Task SetDisabledAsync(string userName, bool disabled, CancellationToken ct = default);
    /// <summary>Replaces the password with a temporary one that has expired (to be changed at the next sign-in).</summary>
    Task SetTemporaryPasswordAsync(string userName, string temporaryPassword, CancellationToken ct = default);
}
