using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Files attached to a case, once per content hash.</summary>
internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("xf_attachments");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.FileName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(x => x.UploadedBy).HasMaxLength(256);
        builder.HasIndex(x => new { x.CaseId, x.Sha256 }).IsUnique();
    }
}
