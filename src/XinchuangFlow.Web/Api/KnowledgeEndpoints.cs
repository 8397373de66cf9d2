using System.Security.Claims;
using XinchuangFlow.Application.Knowledge;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>The knowledge base over HTTP (KB-1): write a draft, change it, submit it, review it. Thin: the knowledge service decides.</summary>
public static class KnowledgeEndpoints
{
    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/knowledge").RequireAuthorization().WithTags("Knowledge");
        api.MapPost("/articles", async (ArticleRequest body, ClaimsPrincipal user, KnowledgeService knowledge, CancellationToken ct) =>
        {
            var view = await knowledge.CreateAsync(user.ToActor(), body.ToContent(), ct);
            return Results.Created($"/api/knowledge/articles/{view.Article.Number}", ArticleDto.From(view));
        }).WithSummary("Writes a draft article (kind: common, hard, solution or guide; title; symptom; cause; steps in Markdown; tags as facet:value — "
                       + "category, os, cpu, brand, model, software; forUsers: procurement units may read it once published). Answers its id and number.");
        api.MapGet("/articles/{idOrNumber}", async (string idOrNumber, ClaimsPrincipal user, KnowledgeService knowledge, CancellationToken ct) =>
                Results.Ok(ArticleDto.From(await knowledge.GetAsync(user.ToActor(), idOrNumber, ct))))
            .WithSummary("An article: its working copy for its enterprise and the reviewers, else its published version; a draft of another enterprise does not exist (404).");
        api.MapPut("/articles/{idOrNumber}", async (string idOrNumber, ArticleRequest body, ClaimsPrincipal user, KnowledgeService knowledge, CancellationToken ct) =>
                Results.Ok(ArticleDto.From(await knowledge.UpdateAsync(user.ToActor(), idOrNumber, body.ToContent(), ct))))
            .WithSummary("Changes the working copy; a published article gets a new revision, reviewed again while the published one stays visible. 409 while it is under review.");
        api.MapPost("/articles/{idOrNumber}/submit", async (string idOrNumber, ClaimsPrincipal user, KnowledgeService knowledge, CancellationToken ct) =>
                Results.Ok(ArticleDto.From(await knowledge.SubmitAsync(user.ToActor(), idOrNumber, ct))))
            .WithSummary("Submits the working copy to the Data Bureau's review (the knowledge-article flow); a returned article is submitted again.");
        api.MapPost("/articles/{idOrNumber}/review", async (string idOrNumber, ReviewRequest body, ClaimsPrincipal user, KnowledgeService knowledge, CancellationToken ct) =>
                Results.Ok(ArticleDto.From(await knowledge.ReviewAsync(user.ToActor(), idOrNumber, body.Decision, body.Comment, ct))))
            .WithSummary("The Data Bureau's decision: approve (published) or return (the comment is required and reaches the author).");
        api.MapGet("/search", async (string? q, string[]? tag, int? take, ClaimsPrincipal user, KnowledgeService knowledge, CancellationToken ct) =>
            {
                var page = await knowledge.SearchAsync(user.ToActor(), q, tag, take ?? 10, ct);
                return Results.Ok(new { total = page.Total, hits = page.Hits.Select(h => new { id = h.Id, title = h.TitleHtml, fragments = h.Fragments, score = h.Score }) });
            })
            .WithSummary("Searches the published articles, best first: q in any mix of Chinese, English and model numbers (\"UOS 20 1060 黑屏\"), tag=facet:value "
                         + "(repeatable, all must match), take 1–50. Title and fragments are HTML with <mark> around what matched, everything else encoded.");
        return app;
    }
}

/// <summary>What an author sends.</summary>
public sealed record ArticleRequest(string? Kind, string? Title, string? Symptom, string? Cause, string? Steps, List<string>? Tags, bool? ForUsers)
{
    public ArticleContent ToContent() => new(Kind ?? "", Title ?? "", Symptom, Cause, Steps ?? "", Tags ?? [], ForUsers ?? false);
}

/// <summary>A reviewer's decision: approve or return, with a comment (required to return).</summary>
public sealed record ReviewRequest(string? Decision, string? Comment);

/// <summary>An article as the caller sees it, with what they may do now.</summary>
public sealed record ArticleDto(Guid Id, string Number, string Status, string Kind, string Title, string? Symptom, string? Cause, string Steps,
    IReadOnlyList<string> Tags, bool ForUsers, int Revision, int? PublishedRevision, string Author, DateTimeOffset UpdatedAt,
    string? ReviewComment, bool MayEdit, bool MaySubmit, bool MayReview)
{
    public static ArticleDto From(ArticleView v)
    {
        var r = v.Shown;
        return new(v.Article.Id, v.Article.Number, v.Article.Status, r.Kind, r.Title, r.Symptom, r.Cause, r.Steps, r.Tags, r.ForUsers, r.Number,
            v.Article.PublishedRevision, v.Article.Author, v.Article.UpdatedAt, v.SeesWorking ? v.Record.Working.ReviewComment : null, v.MayEdit, v.MaySubmit, v.MayReview);
    }
}
