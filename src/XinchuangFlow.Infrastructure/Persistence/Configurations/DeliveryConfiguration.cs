using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Application.Notifications;
using XinchuangFlow.Infrastructure.Security;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Per-recipient, per-channel deliveries of a notification; the address is encrypted at rest, so the cipher comes in through the constructor.</summary>
internal sealed class DeliveryConfiguration(FieldCipher? cipher) : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("xf_deliveries");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Channel).HasMaxLength(20);
        builder.Property(x => x.Recipient).HasMaxLength(256);
        builder.Property(x => x.Address).Encrypted(cipher, 256);
        builder.Property(x => x.Subject).HasMaxLength(500);
        builder.Property(x => x.Status).HasMaxLength(20);
        builder.Property(x => x.LastError).HasMaxLength(500);
        builder.Property(x => x.InReplyTo).HasMaxLength(500);
        builder.HasIndex(x => new { x.NotificationId, x.Recipient, x.Channel }).IsUnique();
        builder.HasIndex(x => new { x.Status, x.NextAttemptAt });
        builder.HasIndex(x => x.CreatedAt);
    }
}
