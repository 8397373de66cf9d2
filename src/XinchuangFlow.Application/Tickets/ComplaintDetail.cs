using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>A complaint with its history and the tasks waiting on it.</summary>
public sealed record ComplaintDetail(Complaint Complaint, IReadOnlyList<CaseEvent> History, IReadOnlyList<HumanTask> OpenTasks);
