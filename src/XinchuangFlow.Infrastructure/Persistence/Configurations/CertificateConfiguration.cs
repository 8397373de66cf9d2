using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Technicians' certificates per product category and validity (NET-3).</summary>
internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.ToTable("xf_certificates");
        builder.HasKey(x => new { x.TechnicianId, x.ProductCategory, x.ValidFrom });
        builder.Property(x => x.ProductCategory).HasMaxLength(30);
        builder.Property(x => x.Number).HasMaxLength(60);
        builder.HasIndex(x => x.Number).IsUnique();
        builder.HasOne<Technician>().WithMany().HasForeignKey(x => x.TechnicianId);
    }
}
