namespace XinchuangFlow.Domain.Grading;

/// <summary>What grading reads from a ticket.</summary>
public sealed record GradingInput(string ProductCategory, string Impact, string Description);
