using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Activities.Builtin;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Engine.Validation;
using XinchuangFlow.Infrastructure.Expressions;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Scheduling;

namespace XinchuangFlow.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the engine with its EF Core store, Jint expressions, Quartz wake-ups and start-up
    /// migration/import. <paramref name="withScheduler"/> false leaves Quartz out (tools, some tests).
    /// </summary>
    public static IHostApplicationBuilder AddXinchuangFlowInfrastructure(this IHostApplicationBuilder builder, bool withScheduler = true)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .Configure<IHostEnvironment>((o, env) => o.ConnectionString = NormaliseConnectionString(o.Provider, config.GetConnectionString("Default"), env.ContentRootPath))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ExpressionOptions>().BindConfiguration(ExpressionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkflowFilesOptions>().BindConfiguration(WorkflowFilesOptions.SectionName);

        // One key file outside the database (like a certificate, given to every node): it encrypts the data-protection
        // key ring and the personal fields of the database with SM4.
        var keyFile = config["Security:KeyFile"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
            : Path.Combine(builder.Environment.ContentRootPath, "data", "keys", "sm4.key");
        services.AddSingleton(_ => XinchuangFlow.Infrastructure.Security.Sm4Cipher.FromFile(keyFile));
        services.AddSingleton(sp => sp.GetRequiredService<XinchuangFlow.Infrastructure.Security.Sm4Cipher>().ForFields());

        services.AddPooledDbContextFactory<XfDbContext>((sp, b) =>
        {
            var o = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            DatabaseOptions.Configure(b, o.Provider, o.ConnectionString);
            XinchuangFlow.Infrastructure.Security.FieldProtection.UseFieldProtection(b, sp.GetRequiredService<XinchuangFlow.Infrastructure.Security.FieldCipher>());
            // Extra interceptors (diagnostics, tests counting commits) come from DI.
            b.AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });

        services.TryAddSingleton(TimeProvider.System);
        foreach (var activity in BuiltinActivities.All()) services.AddSingleton(activity);
        services.AddSingleton(sp => new ActivityRegistry(sp.GetServices<IActivity>()));
        services.AddSingleton<IWorkflowStore>(sp => new EfWorkflowStore(
            sp.GetRequiredService<IDbContextFactory<XfDbContext>>(), sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.EffectiveGroupCommitWriters,
            sp.GetRequiredService<NetworkWriteWatch>(), sp.GetRequiredService<CaseWriteWatch>()));
        // The same store under each of its roles, for services that need only one.
        services.AddSingleton<IDefinitionStore>(sp => sp.GetRequiredService<IWorkflowStore>());
        services.AddSingleton<IInstanceStore>(sp => sp.GetRequiredService<IWorkflowStore>());
        services.AddSingleton<ITaskStore>(sp => sp.GetRequiredService<IWorkflowStore>());
        services.AddSingleton<ITimerStore>(sp => sp.GetRequiredService<IWorkflowStore>());
        services.AddSingleton<IExpressionEvaluator>(sp => new JintExpressionEvaluator(sp.GetRequiredService<IOptions<ExpressionOptions>>().Value));
        services.AddSingleton<DefinitionCache>();
        // The parts a case flow's tasks must play are the cases' rule, run with the engine's own (issue 21).
        services.AddSingleton<XinchuangFlow.Engine.Validation.IDefinitionCheck, XinchuangFlow.Cases.TaskKindCheck>();
        services.AddSingleton(sp => new DefinitionValidator(sp.GetRequiredService<ActivityRegistry>(), sp.GetRequiredService<IExpressionEvaluator>(),
            sp.GetServices<XinchuangFlow.Engine.Validation.IDefinitionCheck>()));
        services.AddSingleton<DefinitionService>();
        services.AddSingleton(sp => new WorkflowRuntime(
            sp.GetRequiredService<IWorkflowStore>(), sp.GetRequiredService<ActivityRegistry>(), sp.GetRequiredService<IExpressionEvaluator>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<DefinitionCache>(), sp.GetRequiredService<IOptions<EngineOptions>>().Value,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<WorkflowRuntime>>()));
        services.AddSingleton(XinchuangFlow.Domain.Network.GuangxiDivisions.Shipped);
        services.AddSingleton<NetworkWriteWatch>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<NetworkWriteWatch>());
        services.AddSingleton<CaseWriteWatch>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<CaseWriteWatch>());
        services.AddSingleton<XinchuangFlow.Application.Tasks.ICaseWrites>(sp => sp.GetRequiredService<CaseWriteWatch>());
        services.AddSingleton<XinchuangFlow.Domain.Network.INetworkRepository, EfNetworkRepository>();
        services.AddSingleton<DemoNetworkSeeder>();
        services.AddSingleton<DemoLiaisonSeeder>();
        services.AddSingleton<DemoTicketSeeder>();
        services.AddSingleton(sp => new XinchuangFlow.Domain.Dispatch.DispatchPlanner(sp.GetRequiredService<XinchuangFlow.Domain.Network.GuangxiDivisions>()));
        services.AddSingleton<EfRuleStore>();
        services.AddSingleton<XinchuangFlow.Domain.Rules.IRuleSource>(sp => sp.GetRequiredService<EfRuleStore>());
        services.AddSingleton<XinchuangFlow.Domain.Rules.RuleBook>();
        services.AddSingleton<XinchuangFlow.Domain.Tickets.ITicketRepository, EfTicketRepository>();
        services.AddSingleton<XinchuangFlow.Cases.CaseSession>();
        // The words of coded notifications, for the Chinese stored at creation and each recipient's language at delivery.
        services.AddSingleton<XinchuangFlow.Engine.Runtime.INotificationTexts, XinchuangFlow.Cases.Notifications.NotificationResources>();
        services.AddSingleton<XinchuangFlow.Domain.Knowledge.IKnowledgeRepository, Knowledge.EfKnowledgeRepository>();
        services.AddSingleton<XinchuangFlow.Cases.Activities.KnowledgeSession>();
        services.AddSingleton<XinchuangFlow.Application.Knowledge.IKnowledgeStore, Knowledge.EfKnowledgeStore>();
        services.AddSingleton<Knowledge.KnowledgeIndexer>();
        services.AddSingleton<XinchuangFlow.Application.Knowledge.IArticleRenderer, Knowledge.ArticleRenderer>();
        services.AddSingleton<XinchuangFlow.Application.Knowledge.IKnowledgeSearch>(sp => sp.GetRequiredService<Knowledge.KnowledgeIndexer>());
        services.AddSingleton<XinchuangFlow.Application.Access.ICaseDirectory, XinchuangFlow.Infrastructure.Tickets.EfCaseDirectory>();
        services.AddSingleton<XinchuangFlow.Application.Tasks.ITaskChangeSource>(sp =>
            (XinchuangFlow.Infrastructure.Tickets.EfCaseDirectory)sp.GetRequiredService<XinchuangFlow.Application.Access.ICaseDirectory>());
        services.AddSingleton<XinchuangFlow.Application.Rules.IRuleSetStore>(sp => sp.GetRequiredService<EfRuleStore>());
        services.AddSingleton<XinchuangFlow.Application.Rules.IReplaySource, XinchuangFlow.Infrastructure.Tickets.EfReplaySource>();
        services.AddSingleton<XinchuangFlow.Application.Rules.ICalendarFileReader, XinchuangFlow.Infrastructure.Rules.IcalCalendarReader>();
        services.AddOptions<Notifications.NotificationOptions>().BindConfiguration(Notifications.NotificationOptions.SectionName);
        services.AddHttpClient("sms", c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<XinchuangFlow.Application.Notifications.IDeliveryStore, Notifications.EfDeliveryStore>();
        services.AddSingleton<XinchuangFlow.Application.Platforms.IPlatformClientStore, EfPlatformClientStore>();
        services.AddSingleton<XinchuangFlow.Application.Exchange.IExchangeStore, XinchuangFlow.Infrastructure.Exchange.EfExchangeStore>();
        services.AddSingleton<XinchuangFlow.Application.Assessment.IKpiSource, XinchuangFlow.Infrastructure.Exchange.EfKpiSource>();
        services.AddSingleton<XinchuangFlow.Application.Dashboards.IDashboardFigures, XinchuangFlow.Infrastructure.Dashboards.EfDashboardFigures>();
        services.AddSingleton<XinchuangFlow.Application.Assessment.IAssessmentRounds, XinchuangFlow.Infrastructure.Exchange.EfAssessmentRounds>();
        services.AddSingleton<XinchuangFlow.Application.Assessment.ISupervisionStore, XinchuangFlow.Infrastructure.Exchange.EfSupervisionStore>();
        services.AddSingleton<XinchuangFlow.Application.Assessment.IBuildOutStore, XinchuangFlow.Infrastructure.Exchange.EfBuildOutStore>();
        services.AddSingleton<XinchuangFlow.Application.Network.IShortlistStore, EfShortlistStore>();
        services.AddSingleton<XinchuangFlow.Application.Network.INetworkAdminStore, EfNetworkAdminStore>();
        services.AddSingleton<XinchuangFlow.Application.Assessment.IRedLineStore, XinchuangFlow.Infrastructure.Exchange.EfRedLineStore>();
        services.AddSingleton<XinchuangFlow.Application.Network.ILiaisonStore, EfLiaisonStore>();
        services.AddSingleton<XinchuangFlow.Application.Network.ICertificateReminderStore, EfCertificateReminderStore>();
        services.AddSingleton<XinchuangFlow.Application.Exchange.IExchangeExportSource, XinchuangFlow.Infrastructure.Exchange.EfExchangeExportSource>();
        services.AddSingleton(config.GetSection(XinchuangFlow.Application.Mail.MailboxOptions.SectionName).Get<XinchuangFlow.Application.Mail.MailboxOptions>() ?? new());
        services.AddOptions<Mail.ImapOptions>().BindConfiguration(Mail.ImapOptions.SectionName);
        services.AddSingleton<XinchuangFlow.Application.Mail.IMailStore, Mail.EfMailStore>();
        services.AddSingleton<XinchuangFlow.Application.Mail.IMailReader, Mail.MimeMailReader>();
        services.AddSingleton<Mail.ImapMailboxPoller>();
        services.AddSingleton<XinchuangFlow.Application.Notifications.IMessageSender, Notifications.SmtpMailSender>();
        services.AddSingleton<XinchuangFlow.Application.Notifications.IMessageSender, Notifications.HttpSmsGateway>();
        services.AddSingleton<XinchuangFlow.Application.Notifications.NotificationDeliveryService>();
        services.AddSingleton<XinchuangFlow.Application.Audit.IAuditLog, EfAuditLog>();
        services.AddSingleton<PlatformMetrics>();
        services.AddSingleton<XinchuangFlow.Application.Access.IUserDirectory, EfUserDirectory>();
        services.AddSingleton<XinchuangFlow.Application.Tickets.IAttachmentStore, XinchuangFlow.Infrastructure.Tickets.EfAttachmentStore>();
        services.AddSingleton<XinchuangFlow.Application.Audit.IWorkflowStatistics, EfWorkflowStatistics>();
        XinchuangFlow.Application.ApplicationServices.AddXinchuangFlowApplication(services);
        foreach (var type in XinchuangFlow.Cases.Activities.DomainActivities.Types) services.AddSingleton(typeof(IActivity), type);
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseInitializer>());
        // Background rounds start after the initializer (hosted services start in order): the tables exist by then.
        if (withScheduler) services.AddHostedService<Mail.MailboxPollJob>();
        if (withScheduler) services.AddHostedService<Notifications.NotificationDeliveryJob>();
        if (withScheduler) services.AddHostedService<AuditSealJob>();
        if (withScheduler) services.AddHostedService<Knowledge.KnowledgeIndexJob>();
        if (withScheduler) services.AddHostedService<PlatformMetricsJob>();   // app nodes only: tools and tests do not count every 15 s

        if (withScheduler) AddScheduler(builder);
        return builder;
    }

    private static void AddScheduler(IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var sweep = config.GetValue<TimeSpan?>($"{EngineOptions.SectionName}:SweepInterval") ?? TimeSpan.FromSeconds(1);
        var schedulerName = config.GetValue<string>($"{EngineOptions.SectionName}:SchedulerName") ?? "XinchuangFlow";
        // The quarterly assessment starts itself a few days into each quarter (ASM-2).
        var assessment = config.GetSection(AssessmentScheduleOptions.SectionName).Get<AssessmentScheduleOptions>() ?? new();
        builder.Services.AddSingleton(assessment);
        // The certificate reminders' first run after start and their interval (a day; tests make both short).
        var reminderDelay = config.GetValue<TimeSpan?>("Network:CertificateReminderDelay") ?? TimeSpan.FromMinutes(2);
        var reminderInterval = config.GetValue<TimeSpan?>("Network:CertificateReminderInterval") ?? TimeSpan.FromDays(1);
        // A named scheduler: its clock is its own and does not replace the engine's TimeProvider in the container.
        builder.Services.AddQuartz(schedulerName, q =>
        {
            q.AddJob<AssessmentScheduleJob>(j => j.WithIdentity(AssessmentScheduleJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(AssessmentScheduleJob.Key).WithIdentity("assessment-schedule-trigger", "xinchuangflow")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(1)).WithSimpleSchedule(s => s.WithInterval(assessment.Interval).RepeatForever()));
            q.AddJob<RedLineJob>(j => j.WithIdentity(RedLineJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(RedLineJob.Key).WithIdentity("red-line-trigger", "xinchuangflow")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(1)).WithSimpleSchedule(s => s.WithInterval(assessment.RedLineInterval).RepeatForever()));
            // Certificates running out are reminded of daily (NET-3): a few minutes after start, then every day.
            q.AddJob<CertificateReminderJob>(j => j.WithIdentity(CertificateReminderJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(CertificateReminderJob.Key).WithIdentity("certificate-reminders-trigger", "xinchuangflow")
                .StartAt(DateTimeOffset.UtcNow.Add(reminderDelay)).WithSimpleSchedule(s => s.WithInterval(reminderInterval).RepeatForever()));
            // The dashboards' daily figures are folded by a job (DSH-1, PERF-2; docs/performance.md).
            var fold = config.GetValue<TimeSpan?>("Dashboards:FoldInterval") ?? TimeSpan.FromMinutes(1);
            q.AddJob<DashboardFoldJob>(j => j.WithIdentity(DashboardFoldJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(DashboardFoldJob.Key).WithIdentity("dashboard-fold-trigger", "xinchuangflow")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(20)).WithSimpleSchedule(s => s.WithInterval(fold).RepeatForever()));
            // Quartz only wakes the engine, on the real clock; the engine judges what is due by its own TimeProvider.
            q.UseTimeProvider(TimeProvider.System);
            // Every node has its own scheduler in memory: each wakes its own engine to sweep, so every node adds timer
            // capacity and a node's death stops no other node's sweep. Which node fires a timer is decided by the
            // engine's atomic claims in the database (short leases), not by Quartz.
            q.UseInMemoryStore();
            q.AddJob<EngineSweepJob>(j => j.WithIdentity(EngineSweepJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(EngineSweepJob.Key).WithIdentity("engine-sweep-trigger", "xinchuangflow")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(sweep).RepeatForever()));
        });
        builder.Services.AddQuartzHostedService(schedulerName, o => o.WaitForJobsToComplete = true);
    }

    /// <summary>Fills in the SQLite default (a file under the content root's data folder) and makes its path absolute.</summary>
    public static string NormaliseConnectionString(DatabaseProvider provider, string? connectionString, string contentRoot)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            var pg = new Npgsql.NpgsqlConnectionStringBuilder(connectionString ?? throw new InvalidOperationException("ConnectionStrings:Default is required for PostgreSql."));
            // The engine repeats a few statement shapes thousands of times: let Npgsql prepare them on the server.
            if (pg.MaxAutoPrepare == 0) pg.MaxAutoPrepare = 64;
            return pg.ToString();
        }
        if (provider != DatabaseProvider.Sqlite)
            return connectionString ?? throw new InvalidOperationException($"ConnectionStrings:Default is required for {provider}.");
        var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? "Data Source=data/xinchuangflow.db" : connectionString);
        if (csb.DataSource != ":memory:" && !Path.IsPathRooted(csb.DataSource))
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, csb.DataSource));
        if (csb.DataSource != ":memory:") Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        csb.Pooling = true;
        return csb.ToString();
    }
}
