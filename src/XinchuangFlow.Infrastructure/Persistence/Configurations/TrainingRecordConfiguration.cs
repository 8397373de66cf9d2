using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Technicians' training records (NET-3); the result is stored as text.</summary>
internal sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> builder)
    {
        builder.ToTable("xf_training_records");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Course).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Hours).HasPrecision(6, 1);
        builder.Property(x => x.Result).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Technician>().WithMany().HasForeignKey(x => x.TechnicianId);
        builder.HasIndex(x => x.TechnicianId);
    }
}
