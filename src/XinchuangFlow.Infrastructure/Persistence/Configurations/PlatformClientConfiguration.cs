using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Application.Platforms;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>API clients of other platforms; only a hash of their key is stored.</summary>
internal sealed class PlatformClientConfiguration : IEntityTypeConfiguration<PlatformClient>
{
    public void Configure(EntityTypeBuilder<PlatformClient> builder)
    {
        builder.ToTable("xf_platform_clients");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Name).HasMaxLength(100).IsRequired();
        builder.Property(x => x.Prefix).HasMaxLength(8).IsRequired();
        builder.Property(x => x.KeyHash).HasMaxLength(64).IsRequired();
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.HasIndex(x => x.Prefix).IsUnique();
    }
}
