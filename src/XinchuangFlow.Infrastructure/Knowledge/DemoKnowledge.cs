using System.Text.Json;

namespace XinchuangFlow.Infrastructure.Knowledge;

/// <summary>One article of the demo knowledge base (Knowledge/demo-knowledge.json, embedded).</summary>
public sealed record DemoKnowledgeArticle(
    string Key,
    string Kind,
    string Title,
    string Symptom,
    string Cause,
    string Steps,
    IReadOnlyList<string> Tags,
    bool ForUsers,
    string State,
    bool Outdated,
    string? ReviewComment = null);

public static class DemoKnowledge
{
    private const string ResourceName = "XinchuangFlow.Infrastructure.Knowledge.demo-knowledge.json";

    /// <summary>The demo articles: common / hard problems, solutions and guides, in the states the demo seeds.</summary>
    public static IReadOnlyList<DemoKnowledgeArticle> Load()
    {
        using var stream = typeof(DemoKnowledge).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"Embedded resource {ResourceName} not found.");
        return JsonSerializer.Deserialize<List<DemoKnowledgeArticle>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
               ?? throw new InvalidOperationException("The demo knowledge base is empty.");
    }
}
