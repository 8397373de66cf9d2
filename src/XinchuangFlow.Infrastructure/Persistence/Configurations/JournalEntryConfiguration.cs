using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>The instance journal: an append-only history with a growing sequence.</summary>
internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("xf_journal");
        builder.HasKey(x => x.Sequence);
        builder.Property(x => x.Sequence).ValueGeneratedOnAdd();
        builder.Property(x => x.ActivityId).HasMaxLength(100);
        builder.Property(x => x.ActivityType).HasMaxLength(100);
        builder.Property(x => x.Outcome).HasMaxLength(200);
        builder.Property(x => x.User).HasMaxLength(256);
        builder.Property(x => x.Data).HasConversion(JsonObjectColumn.Converter, JsonObjectColumn.Comparer);
        builder.HasIndex(x => x.InstanceId);
    }
}
