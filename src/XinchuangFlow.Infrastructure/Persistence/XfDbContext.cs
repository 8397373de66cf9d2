using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;

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
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<ProcurementUnit> ProcurementUnits => Set<ProcurementUnit>();
    public DbSet<RuleSet> RuleSets => Set<RuleSet>();
    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();
    public DbSet<XinchuangFlow.Application.Audit.AuditEntry> Audit => Set<XinchuangFlow.Application.Audit.AuditEntry>();

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
        base.OnModelCreating(b);
        // Contacts' names, phone numbers and e-mail addresses are encrypted at rest (SEC-3; see FieldProtection).
        var cipher = options.FindExtension<XinchuangFlow.Infrastructure.Security.FieldProtectionExtension>()?.Cipher;
        b.Entity<AppUser>(e => e.Property(x => x.PhoneNumber).Encrypted(cipher, 30));
        var jsonObject = new ValueConverter<JsonObject?, string?>(
            v => v == null ? null : v.ToJsonString(DefinitionJson.Compact),
            s => s == null ? null : JsonNode.Parse(s, null, default) as JsonObject);
        var jsonObjectComparer = new ValueComparer<JsonObject?>(
            (a, c) => JsonNode.DeepEquals(a, c), v => v == null ? 0 : v.ToJsonString(DefinitionJson.Compact).GetHashCode(), v => v == null ? null : (JsonObject)v.DeepClone());

        b.Entity<DefinitionRecord>(e =>
        {
            e.ToTable("xf_workflow_definitions");
            e.HasKey(x => x.Id);
            e.Property(x => x.DefinitionId).HasMaxLength(100).IsRequired();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(400);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
        });
        b.Entity<InstanceRow>(e =>
        {
            e.ToTable("xf_workflow_instances");
            e.HasKey(x => x.Id);
            e.Property(x => x.DefinitionId).HasMaxLength(100).IsRequired();
            e.Property(x => x.CorrelationId).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.LeaseUntil });
            e.HasIndex(x => new { x.DefinitionId, x.Status });
            e.HasIndex(x => x.CorrelationId);
            // Only sub-workflow children have a parent bookmark: the recovery sweep finds them through this index.
            e.HasIndex(x => x.ParentBookmarkId);
        });
        b.Entity<Bookmark>(e =>
        {
            e.ToTable("xf_bookmarks");
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.Property(x => x.Key).HasMaxLength(200);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => new { x.Kind, x.Key });
        });
        b.Entity<HumanTask>(e =>
        {
            e.ToTable("xf_tasks");
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.Property(x => x.DefinitionId).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(500);
            e.Property(x => x.AssigneeUser).HasMaxLength(256);
            e.Property(x => x.AssigneeRole).HasMaxLength(100);
            e.Property(x => x.ClaimedBy).HasMaxLength(256);
            e.Property(x => x.CompletedBy).HasMaxLength(256);
            e.Property(x => x.Outcome).HasMaxLength(100);
            // The status is the guard against double completion: an update only applies while it is unchanged.
            e.Property(x => x.Status).IsConcurrencyToken();
            // Outcomes are stored as [{"key","name","nameEn"}]; rows written before outcome keys hold plain names.
            e.Property(x => x.Outcomes).HasConversion(
                v => JsonSerializer.Serialize(v, DefinitionJson.Compact),
                s => TaskOutcomes.Read(s),
                new ValueComparer<List<TaskOutcome>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList()));
            e.Property(x => x.Form).HasConversion(
                v => JsonSerializer.Serialize(v, DefinitionJson.Compact),
                s => JsonSerializer.Deserialize<List<FormField>>(s, DefinitionJson.Compact) ?? new List<FormField>(),
                new ValueComparer<List<FormField>>((a, c) => JsonSerializer.Serialize(a, DefinitionJson.Compact) == JsonSerializer.Serialize(c, DefinitionJson.Compact),
                    v => v.Count, v => v.ToList()));
            e.Property(x => x.Data).HasConversion(jsonObject, jsonObjectComparer);
            e.HasIndex(x => new { x.Status, x.AssigneeUser });
            e.HasIndex(x => new { x.Status, x.AssigneeRole });
            e.HasIndex(x => x.InstanceId);
        });
        b.Entity<TimerRow>(e =>
        {
            e.ToTable("xf_timers");
            e.HasKey(x => x.BookmarkId);
            e.HasIndex(x => x.DueAt);
        });
        b.Entity<JournalEntry>(e =>
        {
            e.ToTable("xf_journal");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.Property(x => x.ActivityType).HasMaxLength(100);
            e.Property(x => x.Outcome).HasMaxLength(200);
            e.Property(x => x.User).HasMaxLength(256);
            e.Property(x => x.Data).HasConversion(jsonObject, jsonObjectComparer);
            e.HasIndex(x => x.InstanceId);
        });
        b.Entity<Incident>(e =>
        {
            e.ToTable("xf_incidents");
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.Property(x => x.ActivityType).HasMaxLength(100);
            e.Property(x => x.ExceptionType).HasMaxLength(200);
            e.Property(x => x.Resolution).HasMaxLength(100);
            e.HasIndex(x => x.InstanceId);
        });
        b.Entity<Notification>(e =>
        {
            e.ToTable("xf_notifications");
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.Property(x => x.ToUser).HasMaxLength(256);
            e.Property(x => x.ToRole).HasMaxLength(100);
            e.Property(x => x.Channel).HasMaxLength(50);
            e.Property(x => x.Subject).HasMaxLength(500);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => x.DeliveredAt);
        });

        // The service network (NET-2, NET-3). Enums are stored as text so exports and SQL reads stay legible.
        b.Entity<Enterprise>(e =>
        {
            e.ToTable("xf_enterprises");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<ServicePoint>(e =>
        {
            e.ToTable("xf_service_points");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.CountyCode).HasMaxLength(6).IsRequired();
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId);
            e.HasIndex(x => new { x.EnterpriseId, x.CountyCode });
        });
        b.Entity<Technician>(e =>
        {
            e.ToTable("xf_technicians");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.UserName).HasMaxLength(256).IsRequired();
            e.Property(x => x.Phone).Encrypted(cipher, 30);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId);
            e.HasOne<ServicePoint>().WithMany().HasForeignKey(x => x.ServicePointId);
            e.HasIndex(x => x.UserName).IsUnique();
            e.HasIndex(x => x.EnterpriseId);
        });
        b.Entity<Certificate>(e =>
        {
            e.ToTable("xf_certificates");
            e.HasKey(x => new { x.TechnicianId, x.ProductCategory, x.ValidFrom });
            e.Property(x => x.ProductCategory).HasMaxLength(30);
            e.HasOne<Technician>().WithMany().HasForeignKey(x => x.TechnicianId);
        });

        // Work orders, complaints and their history (FLOW-1, FLOW-2, SLA-4).
        b.Entity<Ticket>(e =>
        {
            e.ToTable("xf_tickets");
            e.HasKey(x => x.Id);
            e.Property(x => x.Number).HasMaxLength(40).IsRequired();
            e.Property(x => x.Channel).HasMaxLength(20);
            e.Property(x => x.RequestKey).HasMaxLength(100);
            e.Property(x => x.ExternalId).HasMaxLength(100);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.ProcurementUnit).HasMaxLength(200);
            e.Property(x => x.ContactName).Encrypted(cipher, 100);
            e.Property(x => x.ContactPhone).Encrypted(cipher, 30);
            e.Property(x => x.ContactEmail).Encrypted(cipher, 256);
            e.Property(x => x.CityCode).HasMaxLength(4);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Address).HasMaxLength(400);
            e.Property(x => x.ProductCategory).HasMaxLength(30);
            e.Property(x => x.ProductVendor).HasMaxLength(200);
            e.Property(x => x.ProductModel).HasMaxLength(200);
            e.Property(x => x.Cpu).HasMaxLength(100);
            e.Property(x => x.Os).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(200).IsRequired();
            e.Property(x => x.Impact).HasMaxLength(20);
            e.Property(x => x.Grade).HasMaxLength(2);
            e.Property(x => x.TechnicianUser).HasMaxLength(256);
            e.Property(x => x.TechnicianName).HasMaxLength(100);
            e.Property(x => x.ServicePointCounty).HasMaxLength(6);
            e.Property(x => x.Status).HasMaxLength(30);
            e.Property(x => x.CheckInLocation).HasMaxLength(200);
            e.Property(x => x.PartsUsed).HasMaxLength(1000);
            e.Property(x => x.ConfirmedBy).HasMaxLength(100);
            e.Property(x => x.NextClock).HasMaxLength(16);
            e.Property(x => x.CitedArticles).HasMaxLength(1000);
            e.Property(x => x.SerialNumber).HasMaxLength(100);
            e.Property(x => x.TechnicianPhone).Encrypted(cipher, 30);
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.InstanceId).IsUnique();
            e.HasIndex(x => new { x.CreatedBy, x.RequestKey }).IsUnique();
            e.HasIndex(x => new { x.CityCode, x.Status });
            e.HasIndex(x => new { x.IntegratorId, x.Status });
            e.HasIndex(x => x.TechnicianUser);
            e.HasIndex(x => x.ProcurementUnitId);
            e.HasIndex(x => x.CreatedAt);
            e.HasIndex(x => x.ContactPhone);
        });
        b.Entity<XinchuangFlow.Application.Notifications.Delivery>(e =>
        {
            e.ToTable("xf_deliveries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Channel).HasMaxLength(20);
            e.Property(x => x.Recipient).HasMaxLength(256);
            e.Property(x => x.Address).Encrypted(cipher, 256);
            e.Property(x => x.Subject).HasMaxLength(500);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.Property(x => x.InReplyTo).HasMaxLength(500);
            e.HasIndex(x => new { x.NotificationId, x.Recipient, x.Channel }).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => x.CreatedAt);
        });
        b.Entity<XinchuangFlow.Infrastructure.Security.DataProtectionKeyRow>(e =>
        {
            e.ToTable("xf_dataprotection_keys");
            e.HasKey(x => x.Id);
            e.Property(x => x.FriendlyName).HasMaxLength(200);
        });
        b.Entity<XinchuangFlow.Application.Mail.MailRecord>(e =>
        {
            e.ToTable("xf_mail_messages");
            e.HasKey(x => x.Id);
            e.Property(x => x.Key).HasMaxLength(500).IsRequired();
            e.Property(x => x.MessageId).HasMaxLength(500);
            e.Property(x => x.FromAddress).HasMaxLength(320);
            e.Property(x => x.FromName).HasMaxLength(200);
            e.Property(x => x.Subject).HasMaxLength(500);
            e.Property(x => x.Outcome).HasMaxLength(20);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.ReasonCode).HasMaxLength(40);
            e.Property(x => x.TicketNumber).HasMaxLength(40);
            e.Property(x => x.ResolvedBy).HasMaxLength(256);
            e.HasIndex(x => x.Key).IsUnique();
            e.HasIndex(x => x.MessageId);
            e.HasIndex(x => x.ReplyId);
            e.HasIndex(x => new { x.FromAddress, x.ReceivedAt });
            e.HasIndex(x => new { x.Outcome, x.ReceivedAt });
        });
        b.Entity<XinchuangFlow.Application.Platforms.PlatformClient>(e =>
        {
            e.ToTable("xf_platform_clients");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.Prefix).HasMaxLength(8).IsRequired();
            e.Property(x => x.KeyHash).HasMaxLength(64).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasIndex(x => x.Prefix).IsUnique();
        });
        b.Entity<Attachment>(e =>
        {
            e.ToTable("xf_attachments");
            e.HasKey(x => x.Id);
            e.Property(x => x.FileName).HasMaxLength(200).IsRequired();
            e.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
            e.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
            e.Property(x => x.UploadedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.CaseId, x.Sha256 }).IsUnique();
        });
        b.Entity<Complaint>(e =>
        {
            e.ToTable("xf_complaints");
            e.HasKey(x => x.Id);
            e.Property(x => x.Number).HasMaxLength(40).IsRequired();
            e.Property(x => x.TicketNumber).HasMaxLength(40);
            e.Property(x => x.RequestKey).HasMaxLength(100);
            e.Property(x => x.ProcurementUnit).HasMaxLength(200);
            e.Property(x => x.CityCode).HasMaxLength(4);
            e.Property(x => x.Category).HasMaxLength(30);
            e.Property(x => x.Status).HasMaxLength(30);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.InstanceId).IsUnique();
            e.HasIndex(x => new { x.CreatedBy, x.RequestKey }).IsUnique();
            e.HasIndex(x => x.TicketId);
            e.HasIndex(x => new { x.CityCode, x.Status });
        });
        b.Entity<CaseEvent>(e =>
        {
            e.ToTable("xf_case_events");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            e.Property(x => x.CaseKind).HasMaxLength(20);
            e.Property(x => x.User).HasMaxLength(256);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.FromStatus).HasMaxLength(30);
            e.Property(x => x.ToStatus).HasMaxLength(30);
            e.HasIndex(x => x.CaseId);
        });
        b.Entity<ProcurementUnit>(e =>
        {
            e.ToTable("xf_procurement_units");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.CityCode).HasMaxLength(4);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<RuleSet>(e =>
        {
            e.Ignore(x => x.BaseVersion);
            e.ToTable("xf_rule_sets");
            e.HasKey(x => new { x.Kind, x.Scope });
            e.Property(x => x.Kind).HasMaxLength(30);
            e.Property(x => x.Scope).HasMaxLength(20);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<XinchuangFlow.Application.Audit.AuditEntry>(e =>
        {
            e.ToTable("xf_audit");
            e.HasKey(x => x.Id);
            e.Property(x => x.User).HasMaxLength(256);
            e.Property(x => x.EntityKind).HasMaxLength(40);
            e.Property(x => x.EntityId).HasMaxLength(100);
            e.Property(x => x.Action).HasMaxLength(40);
            e.Property(x => x.Comment).HasMaxLength(2000);
            e.Property(x => x.Address).HasMaxLength(64);
            e.Property(x => x.PrevHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => new { x.EntityKind, x.EntityId, x.At });
            e.HasIndex(x => x.SealOrder).IsUnique();
            e.HasIndex(x => x.At);
            e.HasIndex(x => x.User);
        });
        b.Entity<NumberSequence>(e =>
        {
            e.ToTable("xf_number_sequences");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(40);
        });
    }
}

/// <summary>A per-key counter (ticket numbers per city and day).</summary>
public sealed class NumberSequence
{
    public string Key { get; set; } = "";
    public int Last { get; set; }
}

/// <summary>DateTimeOffset ⇄ UTC ticks, so SQLite can index, compare and order times.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>Reads a task's stored outcomes in either format.</summary>
internal static class TaskOutcomes
{
    public static List<TaskOutcome> Read(string json)
    {
        var list = new List<TaskOutcome>();
        if (System.Text.Json.Nodes.JsonNode.Parse(json) is not System.Text.Json.Nodes.JsonArray items) return list;
        foreach (var item in items)
        {
            if (item is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var plain)) list.Add(new TaskOutcome(plain, plain));
            else if (item is System.Text.Json.Nodes.JsonObject o && o["key"]?.GetValue<string>() is { } key)
                list.Add(new TaskOutcome(key, o["name"]?.GetValue<string>() ?? key, o["nameEn"]?.GetValue<string>()));
        }
        return list;
    }
}
