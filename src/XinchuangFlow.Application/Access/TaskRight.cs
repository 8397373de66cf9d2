using Microsoft.Extensions.Logging;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Access;

/// <summary>What a user may do with a human task.</summary>
public enum TaskRight { None, Work }
