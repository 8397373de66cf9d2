namespace XinchuangFlow.Engine.Runtime;

/// <summary>
/// Who asks to start an instance through a generic way in (the instances API, the admin UI). The definition's start
/// permission decides; a request without a caller comes from a use case of the application (a ticket intake, a
/// sub-workflow) that has made its own decision.
/// </summary>
public sealed record StartCaller(string? User, IReadOnlyCollection<string> Roles);
