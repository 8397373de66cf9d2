namespace XinchuangFlow.Web.Security;

/// <summary>Settings of <see cref="LoginThrottle"/> (section <c>Limits:Login</c>).</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>Failures of one account from one address before each further attempt must wait.</summary>
    public int FreeFailuresPerAccountAndAddress { get; set; } = 5;
    /// <summary>Failures of one account from any address before attempts on it are slowed down everywhere.</summary>
    public int FreeFailuresPerAccount { get; set; } = 10;
    /// <summary>Failures from one address (any accounts) within <see cref="Window"/> before the address must wait (password spraying).</summary>
    public int FailuresPerAddress { get; set; } = 100;
    /// <summary>The first delay; each further failure doubles it.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>The longest delay for one account from one address.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>The longest delay imposed on an account from every address (short: it also slows its real owner).</summary>
    public TimeSpan MaxAccountDelay { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How long failures are remembered.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>
    /// How long an address the account signed in from stays exempt from the account-wide delay: a slow attack from other
    /// addresses cannot keep the owner out at their usual desk (the delay for that account and address still applies).
    /// </summary>
    public TimeSpan KnownAddressFor { get; set; } = TimeSpan.FromDays(30);
}
