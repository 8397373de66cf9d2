using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Workflow instances, with their lease and the optimistic version the engine updates under.</summary>
internal sealed class InstanceRowConfiguration : IEntityTypeConfiguration<InstanceRow>
{
    public void Configure(EntityTypeBuilder<InstanceRow> builder)
    {
        builder.ToTable("xf_workflow_instances");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.DefinitionId).HasMaxLength(100).IsRequired();
        builder.Property(x => x.CorrelationId).HasMaxLength(200);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.Status, x.LeaseUntil });
        builder.HasIndex(x => new { x.DefinitionId, x.Status });
        builder.HasIndex(x => x.CorrelationId);
        // Only sub-workflow children have a parent bookmark: the recovery sweep finds them through this index.
        builder.HasIndex(x => x.ParentBookmarkId);
    }
}
