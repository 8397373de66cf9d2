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
        api.MapPost("/articles/{idOrNumber}/retire", async (string idOrNumber, RetireRequest body, ClaimsPrincipal user, KnowledgeService knowledge, CancellationToken ct) =>
                Results.Ok(ArticleDto.From(await knowledge.RetireAsync(user.ToActor(), idOrNumber, body.Reason, ct))))
            .WithSummary("The Data Bureau retires a published article with a reason (required): readers no longer find it; its history and citations stay.");
        api.MapGet("/search", async (string? q, string[]? tag, int? take, int? skip, ClaimsPrincipal user, KnowledgeService knowledge, CancellationToken ct) =>
            {
                var page = await knowledge.SearchAsync(user.ToActor(), q, tag, take ?? 10, ct, skip ?? 0);
                return Results.Ok(new { total = page.Total, hits = page.Hits.Select(h => new { id = h.Id, title = h.TitleHtml, fragments = h.Fragments, score = h.Score }) });
            })
            .WithSummary("Searches the published articles, best first: q in any mix of Chinese, English and model numbers (\"UOS 20 1060 黑屏\"), tag=facet:value "
                         + "(repeatable, all must match), take 1–50, skip 0–1000 (a later page). Title and fragments are HTML with <mark> around what matched, everything else encoded.");
        api.MapPost("/articles/{idOrNumber}/restore", async (string idOrNumber, ClaimsPrincipal user, KnowledgeService knowledge, CancellationToken ct) =>
                Results.Ok(ArticleDto.From(await knowledge.RestoreAsync(user.ToActor(), idOrNumber, ct))))
            .WithSummary("The Data Bureau publishes a retired article again (409 when it is not retired).");
        api.MapGet("/articles/{idOrNumber}/usage", async (string idOrNumber, ClaimsPrincipal user, KnowledgeUseService use, CancellationToken ct) =>
                Results.Ok(await use.UsageAsync(user.ToActor(), idOrNumber, ct)))
            .WithSummary("How an article is used: resolutions that cite it (solved), the readers' useful / not useful answers, and the caller's own.");
        api.MapPost("/articles/{idOrNumber}/vote", async (string idOrNumber, VoteRequest body, ClaimsPrincipal user, KnowledgeUseService use, CancellationToken ct) =>
                Results.Ok(await use.VoteAsync(user.ToActor(), idOrNumber, body.Useful, ct)))
            .WithSummary("The caller's \"useful?\" answer for a published article (one per reader; a second replaces the first).");
        api.MapGet("/articles/{idOrNumber}/files", async (string idOrNumber, ClaimsPrincipal user, KnowledgeUseService use, CancellationToken ct) =>
                Results.Ok(await use.FilesAsync(user.ToActor(), idOrNumber, ct)))
            .WithSummary("The files and images of an article the caller may read.");
        api.MapPost("/articles/{idOrNumber}/files", async (string idOrNumber, HttpRequest request, ClaimsPrincipal user, KnowledgeUseService use, CancellationToken ct) =>
                Results.Ok(await use.AddFileAsync(user.ToActor(), idOrNumber, Uri.UnescapeDataString(request.Headers["X-File-Name"].ToString()), request.Body, ct)))
            .WithSummary("Adds a file (raw body, name in X-File-Name) to an article its enterprise may edit: PNG, JPEG, GIF, WebP, PDF or UTF-8 text, checked by content.");
        api.MapGet("/articles/{idOrNumber}/files/{id:guid}", async (string idOrNumber, Guid id, ClaimsPrincipal user, KnowledgeUseService use, HttpResponse response, CancellationToken ct) =>
                AttachmentEndpoints.Serve(await use.FileAsync(user.ToActor(), idOrNumber, id, ct), response))
            .WithSummary("A file of an article: images inline, others as a download.");
        api.MapGet("/insights", async (int? quietDays, ClaimsPrincipal user, KnowledgeUseService use, CancellationToken ct) =>
                Results.Ok(await use.InsightsAsync(user.ToActor(), quietDays ?? 90, ct)))
            .WithSummary("For the reviewers: the most used articles, those never cited (published quietDays 0–3650 ago or earlier, default 90), the least useful, "
                         + "and those applying to a platform no longer in service.");
        api.MapPut("/retired-platforms", async (RetiredPlatformRequest body, ClaimsPrincipal user, KnowledgeUseService use, CancellationToken ct) =>
            {
                await use.SetRetiredAsync(user.ToActor(), body.Tag, body.Retired, ct);
                return Results.NoContent();
            })
            .WithSummary("The Data Bureau marks a platform tag (os:银河麒麟V4) as no longer in service (retired: true) or in service again; its articles show as outdated.");
        api.MapGet("/suggestions", async (string? ticket, string? title, string? description, string? category, string? os, string? cpu, string? brand, string? model,
                ClaimsPrincipal user, KnowledgeSuggestionService suggestions, CancellationToken ct) =>
                Results.Ok(string.IsNullOrWhiteSpace(ticket)
                    ? await suggestions.SuggestAsync(user.ToActor(), new TicketText(title, description, category, os, cpu, brand, model), ct)
                    : await suggestions.ForTicketAsync(user.ToActor(), ticket, ct)))
            .WithSummary("Knowledge for a ticket being written (title, description, category, os, cpu, brand, model) or for a ticket the caller may see (ticket=number): "
                         + "up to 5 published articles the caller may read, best first, with how many resolutions they solved, and up to 3 similar resolved tickets.");
        return app;
    }
}

/// <summary>What an author sends.</summary>
public sealed record ArticleRequest(string? Kind, string? Title, string? Symptom, string? Cause, string? Steps, List<string>? Tags, bool? ForUsers)
{
    public ArticleContent ToContent() => new(Kind ?? "", Title ?? "", Symptom, Cause, Steps ?? "", Tags ?? [], ForUsers ?? false);
}

/// <summary>Why an article is retired.</summary>
public sealed record RetireRequest(string? Reason);

/// <summary>A reader's answer to "useful?".</summary>
public sealed record VoteRequest(bool Useful);

/// <summary>A platform tag no longer in service, or in service again.</summary>
public sealed record RetiredPlatformRequest(string? Tag, bool Retired = true);

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
