using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Rule sets per kind and scope, updated under an optimistic version.</summary>
internal sealed class RuleSetConfiguration : IEntityTypeConfiguration<RuleSet>
{
    public void Configure(EntityTypeBuilder<RuleSet> builder)
    {
        builder.Ignore(x => x.BaseVersion);
        builder.ToTable("xf_rule_sets");
        builder.HasKey(x => new { x.Kind, x.Scope });
        builder.Property(x => x.Kind).HasMaxLength(30);
        builder.Property(x => x.Scope).HasMaxLength(20);
        builder.Property(x => x.UpdatedBy).HasMaxLength(256);
        builder.Property(x => x.Version).IsConcurrencyToken();
    }
}
