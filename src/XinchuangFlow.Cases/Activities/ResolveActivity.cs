using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>Records the resolution and stops the resolution clock; the ticket then waits for feedback.</summary>
[Activity("xf.ticket.Resolve", DomainCategories.Ticket, "登记解决", "Resolve",
    DescriptionZh = "记录处理结果和引用的知识，停止解决时钟，工单进入待评价。",
    DescriptionEn = "Records the resolution and cited knowledge, stops the resolution clock; the ticket awaits feedback.")]
public sealed class ResolveActivity(CaseSession cases, IKnowledgeRepository knowledge) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("resolution", InputKind.Text, "处理结果", "Resolution", Required: true),
            new InputDescriptor("citedArticles", InputKind.String, "引用知识", "Cited articles"),
            new InputDescriptor("parts", InputKind.String, "配件", "Parts used"),
            new InputDescriptor("confirmedBy", InputKind.String, "用户确认人", "Confirmed by"),
        ],
        ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var resolution = context.GetString("resolution") ?? "";
        if (!TextRules.HasVisibleText(resolution)) throw new ActivityInputException(context.Activity.Id, "resolution", "the resolution is empty");
        var ticket = await cases.TicketAsync(context);
        ticket.Resolution = resolution.Length > 10_000 ? resolution[..10_000] : resolution;
        await CiteAsync(context, ticket, context.GetString("citedArticles"));
        ticket.ResolvedAt = context.Now;
        ticket.PartsUsed = Trimmed(context.GetString("parts"), 1000);
        ticket.ConfirmedBy = Trimmed(context.GetString("confirmedBy"), 100);
        CaseSession.SetStatus(context, ticket, TicketStatus.Resolved, ticket.Resolution, kind: "resolved");
        await StopClockActivity.StopAsync(context, cases, ticket, ClockKind.Resolution);
        CaseSession.SetStatus(context, ticket, TicketStatus.AwaitingFeedback, bySystem: true);
        return ActivityResult.Done("done");
    }

    /// <summary>
    /// The published articles the resolution names are cited: shown on the ticket, counted for the article ("this
    /// solved it"). Numbers of no published article are left out. The resolved ticket is found as a similar one from now on.
    /// </summary>
    private async Task CiteAsync(ActivityContext context, Ticket ticket, string? text)
    {
        var found = await knowledge.FindPublishedAsync(CitedArticles.Parse(text), context.Cancellation);
        ticket.CitedArticles = found.Count == 0 ? null : CitedArticles.Join(found.Select(a => a.Number).Order());
        var already = await knowledge.CitedByAsync(ticket.Id, context.Cancellation);
        foreach (var article in found.Where(a => !already.Contains(a.Id)))
            context.StageInsert(new KnowledgeCitation { TicketId = ticket.Id, ArticleId = article.Id, CitedBy = context.User ?? "", At = context.Now });
        context.StageInsert(new KnowledgeChange { ArticleId = ticket.Id, Subject = KnowledgeChange.Ticket, At = context.Now });
    }

    private static string? Trimmed(string? s, int max) => string.IsNullOrWhiteSpace(s) ? null : s.Length > max ? s[..max] : s;
}
