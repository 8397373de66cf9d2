using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Application.Rules;

/// <summary>A what-if replay's answer: the period replayed and the comparison.</summary>
public sealed record WhatIfResult(string Kind, string Scope, DateTimeOffset From, DateTimeOffset To, ReplayComparison Comparison);
