using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Per-key counters for case numbers.</summary>
internal sealed class NumberSequenceConfiguration : IEntityTypeConfiguration<NumberSequence>
{
    public void Configure(EntityTypeBuilder<NumberSequence> builder)
    {
        builder.ToTable("xf_number_sequences");
        builder.HasKey(x => x.Key);
        builder.Property(x => x.Key).HasMaxLength(40);
    }
}
