using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Infrastructure.Security;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>The ASP.NET Core data-protection key ring, kept in the database so every node shares it.</summary>
internal sealed class DataProtectionKeyRowConfiguration : IEntityTypeConfiguration<DataProtectionKeyRow>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRow> builder)
    {
        builder.ToTable("xf_dataprotection_keys");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.FriendlyName).HasMaxLength(200);
    }
}
