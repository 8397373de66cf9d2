using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Application.Audit;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>The audit trail (hash-chained; the append-only triggers are in the migrations, which the model cannot express).</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("xf_audit");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.User).HasMaxLength(256);
        builder.Property(x => x.EntityKind).HasMaxLength(40);
        builder.Property(x => x.EntityId).HasMaxLength(100);
        builder.Property(x => x.Action).HasMaxLength(40);
        builder.Property(x => x.Comment).HasMaxLength(2000);
        builder.Property(x => x.Address).HasMaxLength(64);
        builder.Property(x => x.PrevHash).HasMaxLength(64);
        builder.Property(x => x.Hash).HasMaxLength(64);
        builder.HasIndex(x => new { x.EntityKind, x.EntityId, x.At });
        builder.HasIndex(x => x.SealOrder).IsUnique();
        builder.HasIndex(x => x.At);
        builder.HasIndex(x => x.User);
    }
}
