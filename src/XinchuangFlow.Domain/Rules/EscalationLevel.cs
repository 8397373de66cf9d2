namespace XinchuangFlow.Domain.Rules;

/// <summary>
/// One escalation level (FLOW-3): at a share of a clock's target, tell these roles (resolved for the ticket: its city's
/// coordinator, its enterprise's manager …) and these named people, by these channels (the inbox always).
/// </summary>
public sealed class EscalationLevel
{
    public int Percent { get; set; }
    public List<string> Roles { get; set; } = [];
    /// <summary>Named people (user names) told besides the roles.</summary>
    public List<string> Users { get; set; } = [];
    /// <summary>inbox, email, sms; the inbox is always used.</summary>
    public List<string> Channels { get; set; } = ["inbox"];
    public string? LabelZh { get; set; }

    public static readonly IReadOnlyList<string> KnownChannels = ["inbox", "email", "sms"];

    /// <summary>The channels used: the ones named, and the inbox.</summary>
    public IReadOnlyList<string> EffectiveChannels => ["inbox", .. Channels.Where(c => c != "inbox").Distinct()];
}
