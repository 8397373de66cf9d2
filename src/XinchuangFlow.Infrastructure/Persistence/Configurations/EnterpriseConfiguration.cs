using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Shortlisted enterprises of the service network (NET-2); enums are stored as text so exports and SQL reads stay legible.</summary>
internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> builder)
    {
        builder.ToTable("xf_enterprises");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Name).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(x => x.Name).IsUnique();
    }
}
