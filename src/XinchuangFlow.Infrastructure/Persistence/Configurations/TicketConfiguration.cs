using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Security;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Work orders (FLOW-1, SLA-4); the contact's and technician's personal fields are encrypted at rest, so the cipher comes in through the constructor.</summary>
internal sealed class TicketConfiguration(FieldCipher? cipher) : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.ToTable("xf_tickets");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Number).HasMaxLength(40).IsRequired();
        builder.Property(x => x.Channel).HasMaxLength(20);
        builder.Property(x => x.RequestKey).HasMaxLength(100);
        builder.Property(x => x.ExternalId).HasMaxLength(100);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.Property(x => x.ProcurementUnit).HasMaxLength(200);
        builder.Property(x => x.ContactName).Encrypted(cipher, 100);
        builder.Property(x => x.ContactPhone).Encrypted(cipher, 30);
        builder.Property(x => x.ContactEmail).Encrypted(cipher, 256);
        builder.Property(x => x.CityCode).HasMaxLength(4);
        builder.Property(x => x.CountyCode).HasMaxLength(6);
        builder.Property(x => x.Address).HasMaxLength(400);
        builder.Property(x => x.ProductCategory).HasMaxLength(30);
        builder.Property(x => x.ProductVendor).HasMaxLength(200);
        builder.Property(x => x.ProductModel).HasMaxLength(200);
        builder.Property(x => x.Cpu).HasMaxLength(100);
        builder.Property(x => x.Os).HasMaxLength(100);
        builder.Property(x => x.Title).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Impact).HasMaxLength(20);
        builder.Property(x => x.Grade).HasMaxLength(2).HasConversion(new ValueConverter<Grade, string>(g => g.Code, code => Grade.Parse(code, null)));
        builder.Property(x => x.TechnicianUser).HasMaxLength(256);
        builder.Property(x => x.TechnicianName).HasMaxLength(100);
        builder.Property(x => x.ServicePointCounty).HasMaxLength(6);
        builder.Property(x => x.Status).HasMaxLength(30).HasConversion(s => s.Code, code => TicketStatus.Parse(code, null));
        builder.Property(x => x.CheckInLocation).HasMaxLength(200);
        builder.Property(x => x.PartsUsed).HasMaxLength(1000);
        builder.Property(x => x.ConfirmedBy).HasMaxLength(100);
        builder.Property(x => x.NextClock).HasMaxLength(16);
        builder.Property(x => x.CitedArticles).HasMaxLength(1000);
        builder.Property(x => x.SerialNumber).HasMaxLength(100);
        builder.Property(x => x.TechnicianPhone).Encrypted(cipher, 30);
        builder.Property(x => x.FollowUpReason).HasMaxLength(20);
        builder.Property(x => x.FollowUpNote).HasMaxLength(2000);
        builder.HasIndex(x => x.Number).IsUnique();
        builder.HasIndex(x => x.InstanceId).IsUnique();
        builder.HasIndex(x => new { x.CreatedBy, x.RequestKey }).IsUnique();
        // A reported ticket is its enterprise's external id (DAT-2).
        builder.HasIndex(x => new { x.ReportedBy, x.ExternalId }).IsUnique();
        builder.HasIndex(x => new { x.CityCode, x.Status });
        builder.HasIndex(x => new { x.IntegratorId, x.Status });
        builder.HasIndex(x => x.TechnicianUser);
        builder.HasIndex(x => x.ProcurementUnitId);
        builder.HasIndex(x => x.CreatedAt);
        builder.HasIndex(x => x.ContactPhone);
        // The dashboards' fold finds changed, closed and newly overdue tickets; their open counts read by status (DSH-1).
        builder.HasIndex(x => x.UpdatedAt);
        builder.HasIndex(x => x.ClosedAt);
        builder.HasIndex(x => x.OnSiteDueAt);
        builder.HasIndex(x => new { x.Status, x.CountyCode });
    }
}
