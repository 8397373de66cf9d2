using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Assessment;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>A quarter's assessment rounds (ASM-2): one row per computation (quarter, revision).</summary>
internal sealed class AssessmentRoundConfiguration : IEntityTypeConfiguration<AssessmentRound>
{
    public void Configure(EntityTypeBuilder<AssessmentRound> builder)
    {
        builder.ToTable("xf_assessment_rounds");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Quarter).HasMaxLength(6).IsRequired();
        builder.Property(x => x.Status).HasMaxLength(20).IsRequired();
        builder.Property(x => x.StartedBy).HasMaxLength(256);
        builder.Property(x => x.Reason).HasMaxLength(2000);
        builder.HasIndex(x => new { x.Quarter, x.Revision }).IsUnique();
        builder.HasIndex(x => x.InstanceId).IsUnique();
    }
}

/// <summary>Each enterprise's result in a round, with its objection and ruling.</summary>
internal sealed class AssessmentResultConfiguration : IEntityTypeConfiguration<AssessmentResult>
{
    public void Configure(EntityTypeBuilder<AssessmentResult> builder)
    {
        builder.ToTable("xf_assessment_results");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Quarter).HasMaxLength(6).IsRequired();
        builder.Property(x => x.EnterpriseName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Status).HasMaxLength(20).IsRequired();
        builder.Property(x => x.ComputedGrade).HasMaxLength(20).IsRequired();
        builder.Property(x => x.Grade).HasMaxLength(20).IsRequired();
        builder.Property(x => x.Score).IsRequired();
        builder.Property(x => x.Objection).HasMaxLength(4000);
        builder.Property(x => x.Evidence).HasMaxLength(4000);
        builder.Property(x => x.ObjectedBy).HasMaxLength(256);
        builder.Property(x => x.Ruling).HasMaxLength(20);
        builder.Property(x => x.RulingReason).HasMaxLength(2000);
        builder.Property(x => x.RuledBy).HasMaxLength(256);
        builder.HasIndex(x => new { x.RoundId, x.EnterpriseId }).IsUnique();
        builder.HasIndex(x => x.InstanceId).IsUnique();
        builder.HasIndex(x => x.InterviewInstanceId);
        builder.HasIndex(x => new { x.EnterpriseId, x.Quarter });
    }
}

/// <summary>Decisions on an enterprise's place on the shortlist (ASM-3).</summary>
internal sealed class ShortlistDecisionConfiguration : IEntityTypeConfiguration<XinchuangFlow.Domain.Network.ShortlistDecision>
{
    public void Configure(EntityTypeBuilder<XinchuangFlow.Domain.Network.ShortlistDecision> builder)
    {
        builder.ToTable("xf_shortlist_decisions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Action).HasMaxLength(20).IsRequired();
        builder.Property(x => x.FromStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(x => x.ToStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(x => x.Reason).HasMaxLength(2000).IsRequired();
        builder.Property(x => x.Quarter).HasMaxLength(6);
        builder.Property(x => x.By).HasMaxLength(256);
        builder.HasIndex(x => new { x.EnterpriseId, x.At });
    }
}

/// <summary>Satisfaction red-line alerts (ASM-5).</summary>
internal sealed class RedLineAlertConfiguration : IEntityTypeConfiguration<RedLineAlert>
{
    public void Configure(EntityTypeBuilder<RedLineAlert> builder)
    {
        builder.ToTable("xf_red_line_alerts");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.EnterpriseName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Window).HasMaxLength(20).IsRequired();
        builder.Property(x => x.Period).HasMaxLength(20).IsRequired();
        builder.HasIndex(x => new { x.EnterpriseId, x.CrossedAt });
        builder.HasIndex(x => x.RecoveredAt);
    }
}

/// <summary>Supervision notices (督办, ASM-7).</summary>
internal sealed class SupervisionNoticeConfiguration : IEntityTypeConfiguration<SupervisionNotice>
{
    public void Configure(EntityTypeBuilder<SupervisionNotice> builder)
    {
        builder.ToTable("xf_supervision_notices");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Number).HasMaxLength(32).IsRequired();
        builder.Property(x => x.Target).HasMaxLength(20).IsRequired();
        builder.Property(x => x.TicketNumber).HasMaxLength(40);
        builder.Property(x => x.EnterpriseName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.CityCode).HasMaxLength(12);
        builder.Property(x => x.Reason).HasMaxLength(2000).IsRequired();
        builder.Property(x => x.IssuedBy).HasMaxLength(256).IsRequired();
        builder.Property(x => x.Issuer).HasMaxLength(20).IsRequired();
        builder.Property(x => x.Status).HasMaxLength(20).IsRequired();
        builder.Property(x => x.Answer).HasMaxLength(4000);
        builder.Property(x => x.AnsweredBy).HasMaxLength(256);
        builder.Property(x => x.ReviewComment).HasMaxLength(2000);
        builder.Property(x => x.ReviewedBy).HasMaxLength(256);
        builder.Ignore(x => x.DeadlineInForce);
        builder.HasIndex(x => x.Number).IsUnique();
        builder.HasIndex(x => x.InstanceId).IsUnique();
        builder.HasIndex(x => new { x.EnterpriseId, x.IssuedAt });
        builder.HasIndex(x => new { x.CityCode, x.IssuedAt });
        builder.HasIndex(x => x.TicketId);
    }
}
