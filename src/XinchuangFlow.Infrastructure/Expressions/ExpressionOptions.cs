using System.ComponentModel.DataAnnotations;

namespace XinchuangFlow.Infrastructure.Expressions;

/// <summary>Sandbox limits for expressions (section <c>Expressions</c>).</summary>
public sealed class ExpressionOptions
{
    public const string SectionName = "Expressions";
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")] public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);
    [Range(100, 10_000_000)] public int MaxStatements { get; set; } = 10_000;
    [Range(1_000_000, 512_000_000)] public long MemoryLimitBytes { get; set; } = 16_000_000;
    [Range(8, 1000)] public int MaxRecursion { get; set; } = 64;
    [Range(16, 100_000)] public int MaxExpressionLength { get; set; } = 4_000;
}
