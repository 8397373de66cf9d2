namespace XinchuangFlow.Web.Api;

/// <summary>The request's <c>Prefer</c> header (RFC 7240), as far as the API honours it.</summary>
public static class Preferences
{
    /// <summary>
    /// Whether the caller asked for the resource alone (<c>return=minimal</c>, among other preferences or with parameters:
    /// "respond-async, return=minimal", "return = \"minimal\"; x=1"). Anything else, malformed or absent: the full answer.
    /// </summary>
    public static bool ReturnMinimal(string? prefer)
    {
        if (string.IsNullOrWhiteSpace(prefer) || prefer.Length > 1_000) return false;
        foreach (var preference in prefer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var token = preference.Split(';', 2)[0].Split('=', 2, StringSplitOptions.TrimEntries);
            if (token.Length == 2 && token[0].Equals("return", StringComparison.OrdinalIgnoreCase)
                && token[1].Trim('"').Equals("minimal", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
