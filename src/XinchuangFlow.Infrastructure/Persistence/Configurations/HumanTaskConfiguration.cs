using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Human tasks; outcomes, form and data are JSON text.</summary>
internal sealed class HumanTaskConfiguration : IEntityTypeConfiguration<HumanTask>
{
    public void Configure(EntityTypeBuilder<HumanTask> builder)
    {
        builder.ToTable("xf_tasks");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.ActivityId).HasMaxLength(100);
        builder.Property(x => x.DefinitionId).HasMaxLength(100);
        builder.Property(x => x.TaskKind).HasMaxLength(100);
        builder.Property(x => x.Title).HasMaxLength(500);
        builder.Property(x => x.TitleEn).HasMaxLength(500);
        builder.Property(x => x.AssigneeUser).HasMaxLength(256);
        builder.Property(x => x.AssigneeRole).HasMaxLength(100);
        builder.Property(x => x.ClaimedBy).HasMaxLength(256);
        builder.Property(x => x.CompletedBy).HasMaxLength(256);
        builder.Property(x => x.Outcome).HasMaxLength(100);
        // The status is the guard against double completion: an update only applies while it is unchanged.
        builder.Property(x => x.Status).IsConcurrencyToken();
        // Outcomes are stored as [{"key","name","nameEn"}]; rows written before outcome keys hold plain names.
        builder.Property(x => x.Outcomes).HasConversion(
            v => JsonSerializer.Serialize(v, DefinitionJson.Compact),
            s => TaskOutcomes.Read(s),
            new ValueComparer<List<TaskOutcome>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList()));
        builder.Property(x => x.Form).HasConversion(
            v => JsonSerializer.Serialize(v, DefinitionJson.Compact),
            s => JsonSerializer.Deserialize<List<FormField>>(s, DefinitionJson.Compact) ?? new List<FormField>(),
            new ValueComparer<List<FormField>>((a, c) => JsonSerializer.Serialize(a, DefinitionJson.Compact) == JsonSerializer.Serialize(c, DefinitionJson.Compact),
                v => v.Count, v => v.ToList()));
        builder.Property(x => x.Data).HasConversion(JsonObjectColumn.Converter, JsonObjectColumn.Comparer);
        builder.HasIndex(x => new { x.Status, x.AssigneeUser });
        builder.HasIndex(x => new { x.Status, x.AssigneeRole });
        // Pages find the open task that plays a part (the unit's feedback, the technician's check-in) by its kind.
        builder.HasIndex(x => new { x.Status, x.TaskKind });
        builder.HasIndex(x => x.InstanceId);
    }
}
