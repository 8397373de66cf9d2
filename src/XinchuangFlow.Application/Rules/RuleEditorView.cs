using XinchuangFlow.Domain.Time;
using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Rules;

/// <summary>A city's rules as the editor shows them: the regional value beside the city's, and where they differ.</summary>
public sealed record RuleEditorView(string Kind, string Scope, RuleSet Region, RuleSet? Overrides, string EffectiveJson, IReadOnlyList<string> Differences);
