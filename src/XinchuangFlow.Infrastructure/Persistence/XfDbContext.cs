using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence.Configurations;
using XinchuangFlow.Infrastructure.Security;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>The one DbContext of the platform: engine tables, Identity, and (later) the domain.</summary>
public sealed class XfDbContext(DbContextOptions<XfDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();
    public DbSet<InstanceRow> Instances => Set<InstanceRow>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<HumanTask> Tasks => Set<HumanTask>();
    public DbSet<TimerRow> Timers => Set<TimerRow>();
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<XinchuangFlow.Application.Notifications.Delivery> Deliveries => Set<XinchuangFlow.Application.Notifications.Delivery>();
    public DbSet<XinchuangFlow.Application.Mail.MailRecord> MailMessages => Set<XinchuangFlow.Application.Mail.MailRecord>();
    public DbSet<XinchuangFlow.Infrastructure.Security.DataProtectionKeyRow> DataProtectionKeys => Set<XinchuangFlow.Infrastructure.Security.DataProtectionKeyRow>();
    public DbSet<XinchuangFlow.Application.Platforms.PlatformClient> PlatformClients => Set<XinchuangFlow.Application.Platforms.PlatformClient>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<ServicePoint> ServicePoints => Set<ServicePoint>();
    public DbSet<Technician> Technicians => Set<Technician>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<XinchuangFlow.Domain.Knowledge.KnowledgeArticle> KnowledgeArticles => Set<XinchuangFlow.Domain.Knowledge.KnowledgeArticle>();
    public DbSet<XinchuangFlow.Domain.Knowledge.KnowledgeRevision> KnowledgeRevisions => Set<XinchuangFlow.Domain.Knowledge.KnowledgeRevision>();
    public DbSet<XinchuangFlow.Domain.Knowledge.KnowledgeCitation> KnowledgeCitations => Set<XinchuangFlow.Domain.Knowledge.KnowledgeCitation>();
    public DbSet<XinchuangFlow.Domain.Knowledge.KnowledgeVote> KnowledgeVotes => Set<XinchuangFlow.Domain.Knowledge.KnowledgeVote>();
    public DbSet<XinchuangFlow.Domain.Knowledge.KnowledgeChange> KnowledgeChanges => Set<XinchuangFlow.Domain.Knowledge.KnowledgeChange>();
    public DbSet<XinchuangFlow.Domain.Knowledge.RetiredPlatform> RetiredPlatforms => Set<XinchuangFlow.Domain.Knowledge.RetiredPlatform>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<XinchuangFlow.Domain.Assessment.AssessmentRound> AssessmentRounds => Set<XinchuangFlow.Domain.Assessment.AssessmentRound>();
    public DbSet<XinchuangFlow.Domain.Assessment.AssessmentResult> AssessmentResults => Set<XinchuangFlow.Domain.Assessment.AssessmentResult>();
    public DbSet<ShortlistDecision> ShortlistDecisions => Set<ShortlistDecision>();
    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();
    public DbSet<XinchuangFlow.Domain.Assessment.RedLineAlert> RedLineAlerts => Set<XinchuangFlow.Domain.Assessment.RedLineAlert>();
    public DbSet<XinchuangFlow.Domain.Assessment.SupervisionNotice> SupervisionNotices => Set<XinchuangFlow.Domain.Assessment.SupervisionNotice>();
    public DbSet<XinchuangFlow.Domain.Assessment.BuildOutEvaluation> BuildOutEvaluations => Set<XinchuangFlow.Domain.Assessment.BuildOutEvaluation>();
    public DbSet<XinchuangFlow.Domain.Assessment.BuildOutItem> BuildOutItems => Set<XinchuangFlow.Domain.Assessment.BuildOutItem>();
    public DbSet<XinchuangFlow.Domain.Assessment.BuildOutEvent> BuildOutEvents => Set<XinchuangFlow.Domain.Assessment.BuildOutEvent>();
    public DbSet<XinchuangFlow.Domain.Exchange.ReportedRecord> ReportedRecords => Set<XinchuangFlow.Domain.Exchange.ReportedRecord>();
    public DbSet<XinchuangFlow.Application.Exchange.ExchangeBatch> ExchangeBatches => Set<XinchuangFlow.Application.Exchange.ExchangeBatch>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<ProcurementUnit> ProcurementUnits => Set<ProcurementUnit>();
    public DbSet<RuleSet> RuleSets => Set<RuleSet>();
    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();
    public DbSet<XinchuangFlow.Application.Audit.AuditEntry> Audit => Set<XinchuangFlow.Application.Audit.AuditEntry>();
    public DbSet<XinchuangFlow.Application.Network.Liaison> Liaisons => Set<XinchuangFlow.Application.Network.Liaison>();
    public DbSet<XinchuangFlow.Application.Network.CertificateReminder> CertificateReminders => Set<XinchuangFlow.Application.Network.CertificateReminder>();
    public DbSet<XinchuangFlow.Domain.Dashboards.DailyFigure> DailyFigures => Set<XinchuangFlow.Domain.Dashboards.DailyFigure>();
    public DbSet<XinchuangFlow.Domain.Dashboards.DailyProductFigure> DailyProductFigures => Set<XinchuangFlow.Domain.Dashboards.DailyProductFigure>();
    public DbSet<XinchuangFlow.Domain.Dashboards.DashboardFoldMark> DashboardFoldMarks => Set<XinchuangFlow.Domain.Dashboards.DashboardFoldMark>();

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        // SQLite cannot compare or order DateTimeOffset text; store UTC ticks there. Other providers keep timestamptz.
        if (Database.IsSqlite())
        {
            b.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            b.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Identity's tables first: AppUserConfiguration refines its user table.
        base.OnModelCreating(b);
        // Contacts' names, phone numbers and e-mail addresses are encrypted at rest (SEC-3; see FieldProtection); the
        // cipher is an option of this context (none at design time), so it is handed to the configurations that need it.
        var cipher = options.FindExtension<FieldProtectionExtension>()?.Cipher;
        b.ApplyConfiguration(new AppUserConfiguration(cipher));

        // The workflow engine.
        b.ApplyConfiguration(new DefinitionRecordConfiguration());
        b.ApplyConfiguration(new InstanceRowConfiguration());
        b.ApplyConfiguration(new BookmarkConfiguration());
        b.ApplyConfiguration(new HumanTaskConfiguration());
        b.ApplyConfiguration(new TimerRowConfiguration());
        b.ApplyConfiguration(new JournalEntryConfiguration());
        b.ApplyConfiguration(new IncidentConfiguration());
        b.ApplyConfiguration(new NotificationConfiguration());

        // The service network (NET-2, NET-3).
        b.ApplyConfiguration(new EnterpriseConfiguration());
        b.ApplyConfiguration(new ServicePointConfiguration());
        b.ApplyConfiguration(new TechnicianConfiguration(cipher));
        b.ApplyConfiguration(new CertificateConfiguration());

        // Work orders, complaints and their history (FLOW-1, FLOW-2, SLA-4), and what serves them.
        b.ApplyConfiguration(new TicketConfiguration(cipher));
        b.ApplyConfiguration(new DeliveryConfiguration(cipher));
        b.ApplyConfiguration(new DataProtectionKeyRowConfiguration());
        b.ApplyConfiguration(new MailRecordConfiguration());
        b.ApplyConfiguration(new PlatformClientConfiguration());
        b.ApplyConfiguration(new AttachmentConfiguration());
        b.ApplyConfiguration(new ComplaintConfiguration());
        b.ApplyConfiguration(new CaseEventConfiguration());
        b.ApplyConfiguration(new ProcurementUnitConfiguration());
        b.ApplyConfiguration(new RuleSetConfiguration());
        b.ApplyConfiguration(new AuditEntryConfiguration());
        b.ApplyConfiguration(new NumberSequenceConfiguration());

        // The knowledge base (KB-1, KB-2).
        b.ApplyConfiguration(new KnowledgeArticleConfiguration());
        b.ApplyConfiguration(new KnowledgeRevisionConfiguration());
        b.ApplyConfiguration(new KnowledgeCitationConfiguration());
        b.ApplyConfiguration(new KnowledgeVoteConfiguration());
        b.ApplyConfiguration(new KnowledgeChangeConfiguration());
        b.ApplyConfiguration(new RetiredPlatformConfiguration());

        // Service data reported by the enterprises' own platforms (DAT-2).
        b.ApplyConfiguration(new ReportedRecordConfiguration());
        b.ApplyConfiguration(new ExchangeBatchConfiguration());

        // The quarterly assessment (ASM-2).
        b.ApplyConfiguration(new AssessmentRoundConfiguration());
        b.ApplyConfiguration(new AssessmentResultConfiguration());
        b.ApplyConfiguration(new ShortlistDecisionConfiguration());
        b.ApplyConfiguration(new TrainingRecordConfiguration());
        b.ApplyConfiguration(new RedLineAlertConfiguration());
        b.ApplyConfiguration(new SupervisionNoticeConfiguration());

        // Liaisons per party and city (NET-4).
        b.ApplyConfiguration(new LiaisonConfiguration(cipher));
        b.ApplyConfiguration(new CertificateReminderConfiguration());
        // The build-out evaluation (ASM-4).
        b.ApplyConfiguration(new BuildOutEvaluationConfiguration());
        b.ApplyConfiguration(new BuildOutItemConfiguration());
        b.ApplyConfiguration(new BuildOutEventConfiguration());
        // Dashboards (DSH-1, PERF-2)
        b.ApplyConfiguration(new DailyFigureConfiguration());
        b.ApplyConfiguration(new DailyProductFigureConfiguration());
        b.ApplyConfiguration(new DashboardFoldMarkConfiguration());
    }
}
