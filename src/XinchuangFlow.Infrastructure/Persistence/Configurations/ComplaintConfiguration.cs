using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Complaints (FLOW-2).</summary>
internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.ToTable("xf_complaints");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Number).HasMaxLength(40).IsRequired();
        builder.Property(x => x.TicketNumber).HasMaxLength(40);
        builder.Property(x => x.RequestKey).HasMaxLength(100);
        builder.Property(x => x.ProcurementUnit).HasMaxLength(200);
        builder.Property(x => x.CityCode).HasMaxLength(4);
        builder.Property(x => x.Category).HasMaxLength(30);
        builder.Property(x => x.Status).HasMaxLength(30);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.HasIndex(x => x.Number).IsUnique();
        builder.HasIndex(x => x.InstanceId).IsUnique();
        builder.HasIndex(x => new { x.CreatedBy, x.RequestKey }).IsUnique();
        builder.HasIndex(x => x.TicketId);
        builder.HasIndex(x => new { x.CityCode, x.Status });
    }
}
