using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Cases;
using XinchuangFlow.Cases.Activities;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Rules;

/// <summary>An open ticket whose clocks the rules in force would give other targets or deadlines.</summary>
public sealed record RecomputeRow(Guid TicketId, Guid InstanceId, string Number, string Title, string? Grade, IReadOnlyList<ClockRetarget> Changes);
