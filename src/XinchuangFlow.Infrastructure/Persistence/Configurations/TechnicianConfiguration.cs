using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Infrastructure.Security;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Technicians (NET-3); the phone number is encrypted at rest, so the cipher comes in through the constructor.</summary>
internal sealed class TechnicianConfiguration(FieldCipher? cipher) : IEntityTypeConfiguration<Technician>
{
    public void Configure(EntityTypeBuilder<Technician> builder)
    {
        builder.ToTable("xf_technicians");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Name).HasMaxLength(100).IsRequired();
        builder.Property(x => x.UserName).HasMaxLength(256).IsRequired();
        builder.Property(x => x.Phone).Encrypted(cipher, 30);
        builder.PrimitiveCollection(x => x.Categories).HasMaxLength(400);
        builder.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId);
        builder.HasOne<ServicePoint>().WithMany().HasForeignKey(x => x.ServicePointId);
        builder.HasIndex(x => x.UserName).IsUnique();
        builder.HasIndex(x => x.EnterpriseId);
    }
}
