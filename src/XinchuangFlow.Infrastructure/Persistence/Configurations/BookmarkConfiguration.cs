using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Where an instance waits (a task, a timer, a message or a child workflow).</summary>
internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> builder)
    {
        builder.ToTable("xf_bookmarks");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.ActivityId).HasMaxLength(100);
        builder.Property(x => x.Key).HasMaxLength(200);
        builder.HasIndex(x => x.InstanceId);
        builder.HasIndex(x => new { x.Kind, x.Key });
    }
}
