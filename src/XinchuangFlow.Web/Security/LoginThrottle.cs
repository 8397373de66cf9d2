using System.Collections.Concurrent;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// Brute-force protection without a denial of service (SEC-4). Instead of a per-address request limit (which let one
/// guesser lock every colleague behind the same address out) and an account lockout (which let anyone who knows a
/// login name lock its owner out), failed sign-ins slow down further attempts: strongly for the same account from the
/// same address (doubling delays up to 15 minutes), mildly for the account from anywhere (up to a minute), and an
/// address that fails very often is paused as a whole. Nothing is locked; a success clears the account's counters, and
/// the addresses an account signed in from recently are not slowed by failures elsewhere (an attacker spreading slow
/// guesses over several addresses keeps the account-wide delay running, but not against its owner's own addresses).
/// Counters live in the node's memory: behind several nodes an attacker gets at most one allowance per node.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock, Microsoft.Extensions.Options.IOptions<LoginThrottleOptions> options)
{
    private sealed class Counter
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset WindowStart;
    }

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _known = new(StringComparer.Ordinal);
    private LoginThrottleOptions O => options.Value;

    private static string Pair(string account, string address) => $"p|{account.ToUpperInvariant()}|{address}";
    private static string Account(string account) => $"a|{account.ToUpperInvariant()}";
    private static string Address(string address) => $"i|{address}";

    /// <summary>How long the caller must wait before trying this account from this address, or null when they may try now.</summary>
    public TimeSpan? RetryAfter(string account, string address)
    {
        var now = clock.GetUtcNow();
        TimeSpan? wait = null;
        void Consider(TimeSpan? w) { if (w is { } x && x > TimeSpan.Zero && (wait is null || x > wait)) wait = x; }
        Consider(Delay(Pair(account, address), O.FreeFailuresPerAccountAndAddress, O.MaxDelay, now));
        if (!(_known.TryGetValue(Pair(account, address), out var signedIn) && now - signedIn < O.KnownAddressFor))
            Consider(Delay(Account(account), O.FreeFailuresPerAccount, O.MaxAccountDelay, now));
        if (_counters.TryGetValue(Address(address), out var ip) && now - ip.WindowStart < O.Window && ip.Failures >= O.FailuresPerAddress)
            Consider(ip.WindowStart + O.Window - now);
        return wait;
    }

    private TimeSpan? Delay(string key, int free, TimeSpan max, DateTimeOffset now)
    {
        if (!_counters.TryGetValue(key, out var c) || now - c.LastFailure > O.Window || c.Failures < free) return null;
        var doublings = Math.Min(c.Failures - free, 20);
        var delay = TimeSpan.FromTicks(Math.Min(max.Ticks, O.BaseDelay.Ticks * (1L << doublings)));
        var until = c.LastFailure + delay;
        return until > now ? until - now : null;
    }

    public void Failed(string account, string address)
    {
        var now = clock.GetUtcNow();
        foreach (var key in new[] { Pair(account, address), Account(account), Address(address) })
        {
            var c = _counters.GetOrAdd(key, _ => new Counter { WindowStart = now });
            lock (c)
            {
                if (now - c.WindowStart > O.Window) { c.Failures = 0; c.WindowStart = now; }
                c.Failures++;
                c.LastFailure = now;
            }
        }
        if (_counters.Count > 100_000) Prune(now);
    }

    public void Succeeded(string account, string address)
    {
        _known[Pair(account, address)] = clock.GetUtcNow();
        if (_known.Count > 100_000)
            foreach (var (key, at) in _known)
                if (clock.GetUtcNow() - at > O.KnownAddressFor) _known.TryRemove(key, out _);
        _counters.TryRemove(Pair(account, address), out _);
        _counters.TryRemove(Account(account), out _);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, c) in _counters)
            if (now - c.LastFailure > O.Window) _counters.TryRemove(key, out _);
    }
}
