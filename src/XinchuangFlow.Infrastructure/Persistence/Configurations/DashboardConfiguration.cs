using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Dashboards;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>The dashboards' daily figures (DSH-1, PERF-2): per day, county and enterprise, and the coarser sums of them (<see cref="DailyFigure.Grain"/>); the region's, a city's and an enterprise's queries each read an index that starts with the grain.</summary>
internal sealed class DailyFigureConfiguration : IEntityTypeConfiguration<DailyFigure>
{
    public void Configure(EntityTypeBuilder<DailyFigure> builder)
    {
        builder.ToTable("xf_daily_figures");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.CityCode).HasMaxLength(4);
        builder.Property(x => x.CountyCode).HasMaxLength(6);
        builder.Ignore(x => x.IsEmpty);
        builder.HasIndex(x => new { x.Grain, x.Day, x.CityCode, x.CountyCode, x.EnterpriseId }).IsUnique();
        builder.HasIndex(x => new { x.Grain, x.CityCode, x.Day });
        builder.HasIndex(x => new { x.Grain, x.EnterpriseId, x.Day });
    }
}

/// <summary>The daily tickets by product category and platform.</summary>
internal sealed class DailyProductFigureConfiguration : IEntityTypeConfiguration<DailyProductFigure>
{
    public void Configure(EntityTypeBuilder<DailyProductFigure> builder)
    {
        builder.ToTable("xf_daily_product_figures");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.CityCode).HasMaxLength(4);
        builder.Property(x => x.ProductCategory).HasMaxLength(30);
        builder.Property(x => x.Os).HasMaxLength(100);
        builder.Property(x => x.Cpu).HasMaxLength(100);
        builder.HasIndex(x => new { x.Grain, x.Day, x.CityCode, x.EnterpriseId, x.ProductCategory, x.Os, x.Cpu }).IsUnique();
        builder.HasIndex(x => new { x.Grain, x.CityCode, x.Day });
        builder.HasIndex(x => new { x.Grain, x.EnterpriseId, x.Day });
    }
}

/// <summary>How far the daily figures are folded (one row).</summary>
internal sealed class DashboardFoldMarkConfiguration : IEntityTypeConfiguration<DashboardFoldMark>
{
    public void Configure(EntityTypeBuilder<DashboardFoldMark> builder)
    {
        builder.ToTable("xf_dashboard_fold_mark");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
    }
}
