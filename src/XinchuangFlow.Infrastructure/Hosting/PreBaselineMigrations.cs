using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Hosting;

/// <summary>
/// The ids of the migrations that the <c>Baseline</c> migration replaced (written before the first release, deleted
/// since), per provider. A database whose history lists exactly these has the baseline's schema: <see cref="BaselineAdoption"/>
/// recognises it by this list, because the migration classes themselves no longer exist to compare with. Never edit:
/// these are the ids that databases created before the baseline carry.
/// </summary>
public static class PreBaselineMigrations
{
    public static readonly IReadOnlyList<string> Sqlite =
    [
        "20261127222934_Initial",
        "20261127230908_Network",
        "20261128003653_Tickets",
        "20261128085255_Audit",
        "20261128103710_Inbox",
        "20261128141552_Portal",
        "20261128142653_Hotline",
        "20261128144148_Delivery",
        "20261128145906_Platforms",
        "20261128151701_Reminders",
        "20261128161202_Mailbox",
        "20261128165545_KeyRing",
        "20261128170804_AuditChain",
        "20261128184447_FieldEncryption",
        "20261128185431_PasswordAge",
        "20261201224318_AccountDisabled",
    ];

    public static readonly IReadOnlyList<string> PostgreSql =
    [
        "20261127222947_Initial",
        "20261127230915_Network",
        "20261128003748_Tickets",
        "20261128085259_Audit",
        "20261128103714_Inbox",
        "20261128141556_Portal",
        "20261128142657_Hotline",
        "20261128144151_Delivery",
        "20261128145910_Platforms",
        "20261128151705_Reminders",
        "20261128161206_Mailbox",
        "20261128165549_KeyRing",
        "20261128170808_AuditChain",
        "20261128184455_FieldEncryption",
        "20261128185438_PasswordAge",
        "20261201224421_AccountDisabled",
    ];

    public static readonly IReadOnlyList<string> SqlServer =
    [
        "20261127222958_Initial",
        "20261127230923_Network",
        "20261128003756_Tickets",
        "20261128085303_Audit",
        "20261128103718_Inbox",
        "20261128141600_Portal",
        "20261128142701_Hotline",
        "20261128144156_Delivery",
        "20261128145915_Platforms",
        "20261128151709_Reminders",
        "20261128161210_Mailbox",
        "20261128165553_KeyRing",
        "20261128170813_AuditChain",
        "20261128184502_FieldEncryption",
        "20261128185447_PasswordAge",
        "20261201224456_AccountDisabled",
    ];

    public static IReadOnlyList<string> For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite,
        DatabaseProvider.PostgreSql => PostgreSql,
        DatabaseProvider.SqlServer => SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
