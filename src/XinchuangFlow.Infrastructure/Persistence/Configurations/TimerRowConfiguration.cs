using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Due timers, found by the scheduler through their due time.</summary>
internal sealed class TimerRowConfiguration : IEntityTypeConfiguration<TimerRow>
{
    public void Configure(EntityTypeBuilder<TimerRow> builder)
    {
        builder.ToTable("xf_timers");
        builder.HasKey(x => x.BookmarkId);
        builder.HasIndex(x => x.DueAt);
    }
}
