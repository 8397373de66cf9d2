using Microsoft.AspNetCore.Authorization;
using XinchuangFlow.Application.Access;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// Page-level gates, decided by the one <see cref="AccessService"/> (pages name a policy, never a list of roles; the
/// menu reads the pages' own attributes): a rule changes in the access service and every page and menu entry follows.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Operators of instances, accounts and platform keys: the Data Bureau's administrators.</summary>
    public const string WorkflowAdmin = "WorkflowAdmin";
    /// <summary>Readers of definitions (designer read-only, history, heat map): administrators and supervisors.</summary>
    public const string DefinitionReaders = "DefinitionReaders";
    /// <summary>The hotline desk: those who record requests for others.</summary>
    public const string HotlineDesk = "HotlineDesk";
    /// <summary>The service mailbox: those with a mail scope.</summary>
    public const string MailboxDesk = "MailboxDesk";
    /// <summary>The audit trail's readers.</summary>
    public const string AuditReaders = "AuditReaders";
    /// <summary>The delivery log's readers.</summary>
    public const string DeliveryLogReaders = "DeliveryLogReaders";
    /// <summary>The procurement units' portal.</summary>
    public const string PortalUsers = "PortalUsers";
    /// <summary>The limits on the cities' rules: the Data Bureau and the Intranet Office (every city), a coordinator (their own city, read-only).</summary>
    public const string LimitReaders = "LimitReaders";
    /// <summary>The technicians' phone pages.</summary>
    public const string FieldTechnicians = "FieldTechnicians";
    /// <summary>The service indicators: the region's, a city's or an enterprise's (<see cref="AccessService.KpiReachOf"/>).</summary>
    public const string KpiReaders = "KpiReaders";
    /// <summary>Supervision notices: their issuers and the enterprises' managers (<see cref="AccessService.MayReadSupervision"/>).</summary>
    public const string SupervisionReaders = "SupervisionReaders";
    /// <summary>The service network's pages (<see cref="AccessService.MayReadNetwork"/>).</summary>
    public const string NetworkReaders = "NetworkReaders";

    /// <summary>The network coverage map: the region's, a city's or an enterprise's own (<see cref="AccessService.CoverageReachOf"/>).</summary>
    public const string CoverageReaders = "CoverageReaders";
    /// <summary>The liaisons: everyone who works in the platform (<see cref="AccessService.MayReadLiaisons"/>).</summary>
    public const string LiaisonReaders = "LiaisonReaders";
    /// <summary>The build-out evaluation: the Data Bureau, the Intranet Office, the coordinators, each enterprise's managers (<see cref="AccessService.BuildOutReachOf"/>).</summary>
    public const string BuildOutReaders = "BuildOutReaders";
    /// <summary>The dashboards: the region's, a city's, an enterprise's, a technician's own (<see cref="AccessService.DashboardReachOf"/>).</summary>
    public const string DashboardReaders = "DashboardReaders";

    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder builder, params string[] schemes) => builder
        .AddRule(WorkflowAdmin, schemes, (access, actor) => access.IsWorkflowAdmin(actor))
        .AddRule(DefinitionReaders, schemes, (access, actor) => access.MayReadDefinitions(actor))
        .AddRule(HotlineDesk, schemes, (access, actor) => access.RecordsForOthers(actor))
        .AddRule(MailboxDesk, schemes, (access, actor) => access.MailScopeOf(actor) is not null)
        .AddRule(AuditReaders, schemes, (access, actor) => access.MayReadAudit(actor))
        .AddRule(DeliveryLogReaders, schemes, (access, actor) => access.MayReadDeliveryLog(actor))
        .AddRule(PortalUsers, schemes, (access, actor) => access.UsesPortal(actor))
        .AddRule(FieldTechnicians, schemes, (access, actor) => access.WorksInField(actor))
        .AddRule(KpiReaders, schemes, (access, actor) => access.KpiReachOf(actor) is not null)
        .AddRule(SupervisionReaders, schemes, (access, actor) => access.MayReadSupervision(actor))
        .AddRule(LimitReaders, schemes, (access, actor) => access.LimitsScopeOf(actor) is not null)
        .AddRule(NetworkReaders, schemes, (access, actor) => access.MayReadNetwork(actor))
        .AddRule(CoverageReaders, schemes, (access, actor) => access.CoverageReachOf(actor) is not null)
        .AddRule(LiaisonReaders, schemes, (access, actor) => access.MayReadLiaisons(actor))
        .AddRule(BuildOutReaders, schemes, (access, actor) => access.BuildOutReachOf(actor) is not null)
        .AddRule(DashboardReaders, schemes, (access, actor) => access.DashboardReachOf(actor) is { Reach: not null } or { Technician: not null });

    private static AuthorizationBuilder AddRule(this AuthorizationBuilder builder, string name, string[] schemes, Func<AccessService, Actor, bool> rule) =>
        builder.AddPolicy(name, p => p.AddAuthenticationSchemes(schemes).AddRequirements(new AccessRequirement(rule)));
}
