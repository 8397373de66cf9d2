using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Dispatch;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>Palette category of the service-guarantee activities.</summary>
public static class DomainCategories
{
    public const string Ticket = "工单";
    public const string Knowledge = "知识";
    public const string Assessment = "考核";
}
