using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Procurement units (the customers).</summary>
internal sealed class ProcurementUnitConfiguration : IEntityTypeConfiguration<ProcurementUnit>
{
    public void Configure(EntityTypeBuilder<ProcurementUnit> builder)
    {
        builder.ToTable("xf_procurement_units");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Name).HasMaxLength(200).IsRequired();
        builder.Property(x => x.CityCode).HasMaxLength(4);
        builder.Property(x => x.CountyCode).HasMaxLength(6);
        builder.HasIndex(x => x.Name).IsUnique();
    }
}
