namespace XinchuangFlow.Engine.Activities;

/// <summary>What an activity class declares about itself besides its attribute.</summary>
public sealed record ActivitySpec(
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<string> Outcomes,
    bool IsWaiting = false,
    bool IsStart = false,
    bool IsTerminal = false,
    string? OutcomesFromInput = null);
