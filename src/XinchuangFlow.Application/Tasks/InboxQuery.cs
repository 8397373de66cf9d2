namespace XinchuangFlow.Application.Tasks;

/// <summary>An inbox page request: the view and its filters (what the URL keeps); <see cref="Kind"/> is a task kind.</summary>
public sealed record InboxQuery(InboxView View = InboxView.Mine, string? Grade = null, string? City = null, string? Category = null,
    string? Kind = null, string? Status = null, string? Text = null, int? Skip = null, int? Take = null);
