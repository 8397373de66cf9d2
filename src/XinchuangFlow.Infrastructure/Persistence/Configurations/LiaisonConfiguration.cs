using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Infrastructure.Security;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Liaisons per party (NET-4); names and phones are contacts, encrypted at rest.</summary>
internal sealed class LiaisonConfiguration(FieldCipher? cipher) : IEntityTypeConfiguration<Liaison>
{
    public void Configure(EntityTypeBuilder<Liaison> builder)
    {
        builder.ToTable("xf_liaisons");
        builder.HasKey(x => x.Party);
        builder.Property(x => x.Party).HasMaxLength(64);
        builder.Property(x => x.Name).Encrypted(cipher, 50).IsRequired();
        builder.Property(x => x.Phone).Encrypted(cipher, 30).IsRequired();
        builder.Property(x => x.DeputyName).Encrypted(cipher, 50);
        builder.Property(x => x.DeputyPhone).Encrypted(cipher, 30);
        builder.Property(x => x.UpdatedBy).HasMaxLength(256);
    }
}

/// <summary>Certificate reminders sent (NET-3): one row per certificate and threshold, so a reminder is never sent twice.</summary>
internal sealed class CertificateReminderConfiguration : IEntityTypeConfiguration<CertificateReminder>
{
    public void Configure(EntityTypeBuilder<CertificateReminder> builder)
    {
        builder.ToTable("xf_certificate_reminders");
        builder.HasKey(x => new { x.TechnicianId, x.ProductCategory, x.ValidUntil, x.Threshold });
        builder.Property(x => x.ProductCategory).HasMaxLength(50);
        builder.HasIndex(x => x.ValidUntil);
    }
}
