using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Faults an instance stopped on, until someone resolves them.</summary>
internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("xf_incidents");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.ActivityId).HasMaxLength(100);
        builder.Property(x => x.ActivityType).HasMaxLength(100);
        builder.Property(x => x.ExceptionType).HasMaxLength(200);
        builder.Property(x => x.Resolution).HasMaxLength(100);
        builder.HasIndex(x => x.InstanceId);
    }
}
