using Microsoft.EntityFrameworkCore.Migrations;

namespace XinchuangFlow.Infrastructure.Persistence.Backfills;

/// <summary>
/// Frozen with the <c>TaskKind</c> migrations (one per provider): tasks written before task kinds existed were all
/// created by the shipped service-ticket and complaint flows, whose steps had these ids; each gets the kind its step
/// now declares, so a ticket in progress during the upgrade is still found by the portal, the phone page and the inbox.
/// This mapping of old step ids is the only one in the code and must not be used for anything else.
/// </summary>
public static class TaskKindBackfill
{
    private static readonly (string Definition, string Step, string Kind)[] Shipped =
    [
        ("service-ticket", "manualDispatch", "ticket.manualDispatch"),
        ("service-ticket", "accept", "ticket.accept"),
        ("service-ticket", "handle", "ticket.handle"),
        ("service-ticket", "resolveTask", "ticket.resolve"),
        ("service-ticket", "vendorTask", "ticket.vendorSupport"),
        ("service-ticket", "feedbackTask", "ticket.feedback"),
        ("complaint", "handleTask", "complaint.handle"),
        ("complaint", "reviewTask", "complaint.review"),
        ("complaint", "confirmTask", "complaint.confirm"),
    ];

    /// <summary>Adds the updates to a migration (double-quoted names: valid on SQLite, PostgreSQL and SQL Server).</summary>
    public static void Apply(MigrationBuilder migration)
    {
        foreach (var (definition, step, kind) in Shipped)
            migration.Sql($"UPDATE \"xf_tasks\" SET \"TaskKind\" = '{kind}' WHERE \"DefinitionId\" = '{definition}' AND \"ActivityId\" = '{step}' AND \"TaskKind\" IS NULL;");
    }
}
