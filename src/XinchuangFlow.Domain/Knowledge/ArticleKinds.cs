namespace XinchuangFlow.Domain.Knowledge;

/// <summary>The plan's four kinds of knowledge (KB-1): common problem, hard problem, solution, operation guide.</summary>
public static class ArticleKinds
{
    public const string Common = "common";
    public const string Hard = "hard";
    public const string Solution = "solution";
    public const string Guide = "guide";

    public static readonly IReadOnlyList<string> All = [Common, Hard, Solution, Guide];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);
}
