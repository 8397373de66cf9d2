using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Application.Rules;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Application.Workflows;

namespace XinchuangFlow.Application;

public static class ApplicationServices
{
    /// <summary>The application layer: the access service and one service per use-case group. Ports come from the infrastructure.</summary>
    public static IServiceCollection AddXinchuangFlowApplication(this IServiceCollection services)
    {
        services.AddSingleton<AccessService>();
        services.AddSingleton<TicketIntakeService>();
        services.AddSingleton<Knowledge.KnowledgeService>();
        services.AddSingleton<Knowledge.KnowledgeSuggestionService>();
        services.AddSingleton<Knowledge.KnowledgeUseService>();
        services.AddSingleton<TicketActionService>();
        services.AddTicketActions();
        services.AddSingleton<DispatchCandidateService>();
        services.AddSingleton<PortalService>();
        services.AddSingleton<HotlineService>();
        services.AddSingleton<MySettingsService>();
        services.AddSingleton<XinchuangFlow.Application.Audit.AuditService>();
        services.AddSingleton<XinchuangFlow.Application.Mail.MailboxService>();
        services.AddSingleton<XinchuangFlow.Application.Notifications.ComplaintReminderService>();
        services.AddSingleton<XinchuangFlow.Application.Platforms.PlatformKeyService>();
        services.AddSingleton<XinchuangFlow.Application.Exchange.ExchangeService>();
        services.AddSingleton<XinchuangFlow.Application.Assessment.KpiService>();
        services.AddSingleton<XinchuangFlow.Application.Exchange.ExchangeExportService>();
        services.AddSingleton<XinchuangFlow.Application.Assessment.AssessmentService>();
        services.AddSingleton<XinchuangFlow.Application.Assessment.AssessmentRoundService>();
        services.AddSingleton<XinchuangFlow.Application.Network.ShortlistService>();
        services.AddSingleton<XinchuangFlow.Application.Assessment.SupervisionService>();
        services.AddSingleton<XinchuangFlow.Application.Assessment.BuildOutService>();
        services.AddSingleton<XinchuangFlow.Application.Assessment.RedLineService>();
        services.AddSingleton<XinchuangFlow.Application.Dashboards.DashboardService>();
        foreach (var type in XinchuangFlow.Application.Assessment.AssessmentActivities.Types) services.AddSingleton(typeof(XinchuangFlow.Engine.Activities.IActivity), type);
        foreach (var type in XinchuangFlow.Application.Assessment.SupervisionActivities.Types) services.AddSingleton(typeof(XinchuangFlow.Engine.Activities.IActivity), type);
        services.AddSingleton<CaseQueryService>();
        services.AddSingleton<TaskService>();
        services.AddSingleton<InstanceService>();
        services.AddSingleton<DefinitionAppService>();
        services.AddRuleKinds();
        services.AddSingleton<RuleService>();
        services.AddSingleton<RuleRecomputeService>();
        services.AddSingleton<NetworkService>();
        services.AddSingleton<NetworkAdminService>();
        services.AddSingleton<NetworkExcelService>();
        services.AddSingleton<UserDirectoryService>();
        services.AddSingleton<UserAdminService>();
        services.AddSingleton<InboxService>();
        services.AddSingleton<TaskChangeFeed>();
        services.AddSingleton<InboxReadCache>();
        services.AddSingleton<AttachmentService>();
        services.AddSingleton<TicketWorkspaceService>();
        services.AddSingleton<XinchuangFlow.Application.Home.HomeService>();
        services.AddSingleton<XinchuangFlow.Application.Network.CoverageService>();
        services.AddSingleton<XinchuangFlow.Application.Network.LiaisonService>();
        services.AddSingleton<XinchuangFlow.Application.Network.CertificateReminderService>();
        services.AddSingleton(new AttachmentOptions()); // the host may register its configured limits after this

        return services;
    }

    /// <summary>
    /// The ticket actions (<see cref="XinchuangFlow.Application.Tickets.Actions.TicketActionRegistry"/>): the shipped ones
    /// in their order. Another action is one more <c>AddSingleton&lt;ITicketAction, …&gt;()</c> (a test's or a host's)
    /// before the registry is first resolved.
    /// </summary>
    public static IServiceCollection AddTicketActions(this IServiceCollection services)
    {
        foreach (var type in XinchuangFlow.Application.Tickets.Actions.TicketActionRegistry.Shipped)
            services.AddSingleton(typeof(XinchuangFlow.Application.Tickets.Actions.ITicketAction), type);
        services.AddSingleton<XinchuangFlow.Application.Tickets.Actions.TicketActionRegistry>();
        return services;
    }

    /// <summary>
    /// The rule kinds (<see cref="XinchuangFlow.Domain.Rules.RuleKindRegistry"/>): the shipped ones in their order, then
    /// the checks needing I/O per kind. Another kind is one more <c>AddSingleton&lt;IRuleKind, …&gt;()</c> (a test's
    /// or a host's) before the registry is first resolved.
    /// </summary>
    public static IServiceCollection AddRuleKinds(this IServiceCollection services)
    {
        foreach (var kind in XinchuangFlow.Domain.Rules.RuleKindRegistry.Shipped)
            services.AddSingleton(typeof(XinchuangFlow.Domain.Rules.IRuleKind), kind);
        services.AddSingleton<XinchuangFlow.Domain.Rules.RuleKindRegistry>();
        services.AddSingleton<IRuleKindCheck, UnknownServicePointsCheck>();
        services.AddSingleton<IRuleKindCheck, UnknownUsersCheck>();
        return services;
    }
}
