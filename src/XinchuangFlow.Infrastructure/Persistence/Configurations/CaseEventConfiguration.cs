using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>The history of tickets and complaints: an append-only list with a growing sequence.</summary>
internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> builder)
    {
        builder.ToTable("xf_case_events");
        builder.HasKey(x => x.Sequence);
        builder.Property(x => x.Sequence).ValueGeneratedOnAdd();
        builder.Property(x => x.CaseKind).HasMaxLength(20);
        builder.Property(x => x.User).HasMaxLength(256);
        builder.Property(x => x.Kind).HasMaxLength(40);
        builder.Property(x => x.FromStatus).HasMaxLength(30);
        builder.Property(x => x.ToStatus).HasMaxLength(30);
        builder.HasIndex(x => x.CaseId);
    }
}
