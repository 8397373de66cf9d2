using XinchuangFlow.Domain.Time;
using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>A complaint as filed by a user.</summary>
public sealed record ComplaintRequest(string? Description, string? Category = "service", string? RequestKey = null, string? CityCode = null);
