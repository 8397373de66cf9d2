using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Notifications a workflow sent, until delivered.</summary>
internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("xf_notifications");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.ActivityId).HasMaxLength(100);
        builder.Property(x => x.ToUser).HasMaxLength(256);
        builder.Property(x => x.ToRole).HasMaxLength(100);
        builder.Property(x => x.Channel).HasMaxLength(50);
        builder.Property(x => x.Subject).HasMaxLength(500);
        builder.Property(x => x.TextKey).HasMaxLength(100);
        builder.Property(x => x.TextArgs).HasMaxLength(8000);
        builder.HasIndex(x => x.InstanceId);
        builder.HasIndex(x => x.DeliveredAt);
    }
}
