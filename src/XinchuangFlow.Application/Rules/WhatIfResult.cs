using XinchuangFlow.Domain.Time;
using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Rules;

/// <summary>A what-if replay's answer: the period replayed and the comparison.</summary>
public sealed record WhatIfResult(string Kind, string Scope, DateTimeOffset From, DateTimeOffset To, ReplayComparison Comparison);
