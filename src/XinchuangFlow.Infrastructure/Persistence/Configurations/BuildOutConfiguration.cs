using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Assessment;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>The build-out evaluations (ASM-4): one row per enterprise and round.</summary>
internal sealed class BuildOutEvaluationConfiguration : IEntityTypeConfiguration<BuildOutEvaluation>
{
    public void Configure(EntityTypeBuilder<BuildOutEvaluation> builder)
    {
        builder.ToTable("xf_buildout_evaluations");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.EnterpriseName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Status).HasMaxLength(20).IsRequired();
        builder.Property(x => x.Grade).HasMaxLength(20);
        builder.Property(x => x.Consequence).HasMaxLength(20);
        builder.Property(x => x.SubmittedBy).HasMaxLength(256);
        builder.Property(x => x.ReviewedBy).HasMaxLength(256);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.Property(x => x.ReviewComment).HasMaxLength(2000);
        builder.HasIndex(x => new { x.EnterpriseId, x.Round }).IsUnique();
    }
}

/// <summary>The six items of each evaluation.</summary>
internal sealed class BuildOutItemConfiguration : IEntityTypeConfiguration<BuildOutItem>
{
    public void Configure(EntityTypeBuilder<BuildOutItem> builder)
    {
        builder.ToTable("xf_buildout_items");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Code).HasMaxLength(20).IsRequired();
        builder.Property(x => x.SelfAssessment).HasMaxLength(4000);
        builder.Property(x => x.Comment).HasMaxLength(2000);
        builder.Property(x => x.UpdatedBy).HasMaxLength(256);
        builder.HasOne<BuildOutEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.EvaluationId, x.Code }).IsUnique();
    }
}

/// <summary>Every step of an evaluation, oldest first.</summary>
internal sealed class BuildOutEventConfiguration : IEntityTypeConfiguration<BuildOutEvent>
{
    public void Configure(EntityTypeBuilder<BuildOutEvent> builder)
    {
        builder.ToTable("xf_buildout_events");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.By).HasMaxLength(256);
        builder.Property(x => x.Action).HasMaxLength(20).IsRequired();
        builder.Property(x => x.Item).HasMaxLength(20);
        builder.Property(x => x.Note).HasMaxLength(2000);
        builder.HasOne<BuildOutEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.EvaluationId, x.Seq }).IsUnique();
    }
}
