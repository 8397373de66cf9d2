using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Engine.Abstractions;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Workflow definitions: one row per published version of a definition.</summary>
internal sealed class DefinitionRecordConfiguration : IEntityTypeConfiguration<DefinitionRecord>
{
    public void Configure(EntityTypeBuilder<DefinitionRecord> builder)
    {
        builder.ToTable("xf_workflow_definitions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.DefinitionId).HasMaxLength(100).IsRequired();
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.ContentHash).HasMaxLength(64);
        builder.Property(x => x.Source).HasMaxLength(400);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
    }
}
