using Microsoft.AspNetCore.Identity;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>A platform user (Identity). Roles say what they may do; scope fields say over what.</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>4-digit city code for municipal coordinators and city-scoped staff.</summary>
    public string? CityCode { get; set; }
    /// <summary>Enterprise the user works for (enterprise roles).</summary>
    public Guid? EnterpriseId { get; set; }
    /// <summary>Procurement unit the user belongs to.</summary>
    public Guid? ProcurementUnitId { get; set; }
    /// <summary>Besides the inbox: e-mail (to <c>Email</c>) and SMS (to <c>PhoneNumber</c>) for escalations and reminders.</summary>
    public bool NotifyByEmail { get; set; } = true;
    public bool NotifyBySms { get; set; }
    /// <summary>The language the user last chose (zh-CN, en); messages sent to them are in it. Null: Chinese.</summary>
    public string? Language { get; set; }
    /// <summary>When the password was last set (等保 2.0: passwords expire, <c>Security:PasswordMaxAgeDays</c>); null until the first sign-in after the column was added.</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }
    /// <summary>
    /// When the Data Bureau disabled the account; null while it is active. A state of its own, not Identity's lockout
    /// (which this platform never uses): only an administrator changes it, audited, and nothing at start-up touches it.
    /// </summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
