using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Knowledge;

/// <summary>
/// A knowledge article (KB-1). Its content lives in revisions: the one readers see (<see cref="PublishedRevision"/>)
/// and the one being written or reviewed (<see cref="WorkingRevision"/>; the same number once it is published and not
/// edited since). Its history is a case history (<see cref="CaseKinds"/> <c>knowledge</c>): every change, who and when.
/// </summary>
public sealed class KnowledgeArticle : IVersionedCase
{
    public const string Kind = CaseKinds.Knowledge;
    string ICase.CaseKind => Kind;

    public Guid Id { get; set; }
    /// <summary>"KB-000123": how people cite it.</summary>
    public string Number { get; set; } = "";
    public int Version { get; set; }
    public string Status { get; set; } = ArticleStatus.Draft;
    /// <summary>The enterprise whose staff wrote it (null: written by the Data Bureau); its drafts are visible to it and the reviewers only.</summary>
    public Guid? EnterpriseId { get; set; }
    public string Author { get; set; } = "";
    public int WorkingRevision { get; set; } = 1;
    public int? PublishedRevision { get; set; }
    /// <summary>The review flow's instance of the revision under review (null when none is running).</summary>
    public Guid? ReviewInstanceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public bool IsPublished => PublishedRevision is not null && Status != ArticleStatus.Retired;
}

/// <summary>One revision of an article's content, with its review.</summary>
public sealed class KnowledgeRevision
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ArticleId { get; set; }
    public int Number { get; set; }
    public string Kind { get; set; } = ArticleKinds.Common;
    public string Title { get; set; } = "";
    public string? Symptom { get; set; }
    public string? Cause { get; set; }
    public string Steps { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public bool ForUsers { get; set; }
    public string EditedBy { get; set; } = "";
    public DateTimeOffset EditedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>approve / return.</summary>
    public string? Decision { get; set; }
    public string? ReviewComment { get; set; }

    public ArticleContent Content => new(Kind, Title, Symptom, Cause, Steps, Tags, ForUsers);

    public void Write(ArticleContent c, string user, DateTimeOffset at)
    {
        (Kind, Title, Symptom, Cause, Steps, Tags, ForUsers) = (c.Kind, c.Title, c.Symptom, c.Cause, c.Steps, [.. c.Tags], c.ForUsers);
        (EditedBy, EditedAt) = (user, at);
    }
}

/// <summary>A ticket's resolution that cites an article: shown on the ticket, counted for the article ("this solved it").</summary>
public sealed class KnowledgeCitation
{
    public Guid TicketId { get; set; }
    public Guid ArticleId { get; set; }
    public string CitedBy { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>A reader's "useful?" answer for an article (one per reader; a second answer replaces the first).</summary>
public sealed class KnowledgeVote
{
    public Guid ArticleId { get; set; }
    public string User { get; set; } = "";
    public bool Useful { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A change of what readers can find, written in the transaction that made it: each node's search index applies these
/// in order and remembers the last one it applied, so every node's index follows the database, after a crash too.
/// </summary>
public sealed class KnowledgeChange
{
    /// <summary>An article changed (its published revision, retirement).</summary>
    public const string Article = "article";
    /// <summary>A ticket was resolved or reopened: resolved tickets are found as "similar resolved tickets".</summary>
    public const string Ticket = "ticket";

    public long Sequence { get; set; }
    /// <summary>The article's or the ticket's id (by <see cref="Subject"/>).</summary>
    public Guid ArticleId { get; set; }
    public string Subject { get; set; } = Article;
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A platform no longer in service (an OS version, a CPU platform, a software version) as the tag articles use for it
/// ("os:银河麒麟V4"): the reviewers see the published articles that apply to it as outdated.
/// </summary>
public sealed class RetiredPlatform
{
    public string Tag { get; set; } = "";
    public string By { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>How a resolution names the articles it cites: article numbers ("KB-000123", "kb-123") separated by anything else.</summary>
public static class CitedArticles
{
    public const int Max = 10;

    /// <summary>The numbers named in <paramref name="text"/>, written the one way they are stored, each once, at most <see cref="Max"/>.</summary>
    public static IReadOnlyList<string> Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? []
            : System.Text.RegularExpressions.Regex.Matches(text, @"(?i)\bKB-?0*(\d{1,9})\b")
                .Select(m => $"KB-{long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture):000000}")
                .Distinct().Take(Max).ToList();

    /// <summary>The numbers as a resolution stores them.</summary>
    public static string Join(IEnumerable<string> numbers) => string.Join(", ", numbers);
}
