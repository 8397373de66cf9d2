using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Service points of an enterprise (NET-2); the kind is stored as text so exports and SQL reads stay legible.</summary>
internal sealed class ServicePointConfiguration : IEntityTypeConfiguration<ServicePoint>
{
    public void Configure(EntityTypeBuilder<ServicePoint> builder)
    {
        builder.ToTable("xf_service_points");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Name).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(x => x.CountyCode).HasMaxLength(6).IsRequired();
        builder.Property(x => x.Address).HasMaxLength(300);
        builder.Property(x => x.OpeningHours).HasMaxLength(100);
        builder.Property(x => x.Phone).HasMaxLength(30);
        builder.Property(x => x.Active).HasDefaultValue(true).HasSentinel(true); // false is written, true left to the default (rows from before the column)
        builder.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId);
        builder.HasIndex(x => new { x.EnterpriseId, x.CountyCode });
    }
}
