using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Application.Exchange;
using XinchuangFlow.Domain.Exchange;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Records the enterprises' own platforms reported (DAT-2), keyed by (enterprise, external id, sequence).</summary>
internal sealed class ReportedRecordConfiguration : IEntityTypeConfiguration<ReportedRecord>
{
    public void Configure(EntityTypeBuilder<ReportedRecord> builder)
    {
        builder.ToTable("xf_reported_records");
        builder.HasKey(x => new { x.EnterpriseId, x.ExternalId, x.Sequence });
        builder.Ignore(x => x.Parsed);
        builder.Property(x => x.ExternalId).HasMaxLength(100);
        builder.Property(x => x.Kind).HasMaxLength(30).IsRequired();
        builder.Property(x => x.Data).IsRequired();
        builder.Property(x => x.Hash).HasMaxLength(64).IsRequired();
    }
}

/// <summary>The batches received (DAT-2): what each stored, found unchanged and refused.</summary>
internal sealed class ExchangeBatchConfiguration : IEntityTypeConfiguration<ExchangeBatch>
{
    public void Configure(EntityTypeBuilder<ExchangeBatch> builder)
    {
        builder.ToTable("xf_exchange_batches");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.ReportedBy).HasMaxLength(256);
        builder.HasIndex(x => new { x.EnterpriseId, x.ReceivedAt });
    }
}
