using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Application.Mail;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Messages read from the service mailbox, one row per message key so none is handled twice.</summary>
internal sealed class MailRecordConfiguration : IEntityTypeConfiguration<MailRecord>
{
    public void Configure(EntityTypeBuilder<MailRecord> builder)
    {
        builder.ToTable("xf_mail_messages");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Key).HasMaxLength(500).IsRequired();
        builder.Property(x => x.MessageId).HasMaxLength(500);
        builder.Property(x => x.FromAddress).HasMaxLength(320);
        builder.Property(x => x.FromName).HasMaxLength(200);
        builder.Property(x => x.Subject).HasMaxLength(500);
        builder.Property(x => x.Outcome).HasMaxLength(20);
        builder.Property(x => x.Reason).HasMaxLength(2000);
        builder.Property(x => x.ReasonCode).HasMaxLength(40);
        builder.Property(x => x.TicketNumber).HasMaxLength(40);
        builder.Property(x => x.ResolvedBy).HasMaxLength(256);
        builder.HasIndex(x => x.Key).IsUnique();
        builder.HasIndex(x => x.MessageId);
        builder.HasIndex(x => x.ReplyId);
        builder.HasIndex(x => new { x.FromAddress, x.ReceivedAt });
        builder.HasIndex(x => new { x.Outcome, x.ReceivedAt });
    }
}
