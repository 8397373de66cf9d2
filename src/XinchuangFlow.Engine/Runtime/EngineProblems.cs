namespace XinchuangFlow.Engine.Runtime;

/// <summary>
/// Problem codes of the engine's refusals: definitions, instances, tasks and signals. A <c>status</c> argument is the
/// status itself (<see cref="WorkflowStatus"/>, <see cref="Abstractions.DefinitionStatus"/>), which the edge names.
/// </summary>
[ProblemCodes]
public static class EngineProblems
{
    /// <summary>No arguments: the document is empty or not JSON (the English message says where).</summary>
    public const string DefinitionFormat = "definition-format";
    /// <summary>Arguments: field (definitionId).</summary>
    public const string DefinitionIdMissing = "definition-id-missing";
    /// <summary>Arguments: definition.</summary>
    public const string DefinitionNotFound = "definition-not-found";
    /// <summary>Arguments: definition, version.</summary>
    public const string VersionNotFound = "definition-version-not-found";
    /// <summary>Arguments: definition (it has no published version to start or to call).</summary>
    public const string NotPublished = "definition-not-published";
    /// <summary>Arguments: definition, version, status (of the latest version, which is no draft).</summary>
    public const string NoDraft = "definition-no-draft";
    /// <summary>Arguments: version, status (only a published version is retired).</summary>
    public const string RetireNotPublished = "definition-retire-not-published";
    /// <summary>Arguments: definition, version, status (only a published version starts instances).</summary>
    public const string StartNotPublished = "definition-start-not-published";
    /// <summary>Arguments: definition, version.</summary>
    public const string NoStart = "definition-no-start";
    /// <summary>Arguments: definition (started only by its own use case).</summary>
    public const string StartUseCaseOnly = "start-use-case-only";
    /// <summary>Arguments: definition, roles (the role keys that may start it).</summary>
    public const string StartRolesOnly = "start-roles-only";
    /// <summary>Arguments: name (the input's), type.</summary>
    public const string InputType = "input-type";
    /// <summary>Arguments: id.</summary>
    public const string InstanceNotFound = "instance-not-found";
    /// <summary>Arguments: id.</summary>
    public const string TaskNotFound = "task-not-found";
    /// <summary>Arguments: status (the instance's: its tasks cannot be acted on).</summary>
    public const string InstanceNotActive = "instance-not-active";
    /// <summary>Arguments: field (outcome), outcome.</summary>
    public const string OutcomeUnknown = "task-outcome-unknown";
    /// <summary>Arguments: field (user).</summary>
    public const string ClaimUserMissing = "claim-user-missing";
    /// <summary>Arguments: holder (the user who holds the task).</summary>
    public const string Claimed = "claimed";
    /// <summary>No arguments.</summary>
    public const string AlreadyCompleted = "already-completed";
    /// <summary>No arguments (the task changed between reading and claiming it).</summary>
    public const string TaskChanged = "task-changed";
    /// <summary>Arguments: field (signal).</summary>
    public const string SignalNameMissing = "signal-name-missing";
    /// <summary>Arguments: field (keepFor), max (a duration).</summary>
    public const string SignalKeepFor = "signal-keep-for";
    /// <summary>Arguments: field (payload).</summary>
    public const string SignalPayloadJson = "signal-payload-json";
    /// <summary>Arguments: field, value (not an ISO 8601 duration such as PT1H).</summary>
    public const string DurationFormat = "duration-format";
    /// <summary>Arguments: status, signal.</summary>
    public const string SignalNotKept = "signal-not-kept";
    /// <summary>Arguments: status.</summary>
    public const string RetryNotFaulted = "instance-retry-not-faulted";
    /// <summary>Arguments: status.</summary>
    public const string AlreadyEnded = "instance-already-ended";
    /// <summary>Arguments: status.</summary>
    public const string MigrateEnded = "instance-migrate-ended";
    /// <summary>Arguments: version.</summary>
    public const string MigrateToDraft = "instance-migrate-draft";
    /// <summary>Arguments: activity, version.</summary>
    public const string MigrateActivityMissing = "migrate-activity-missing";
    /// <summary>Arguments: activity, type (in the instance's version), newType, version.</summary>
    public const string MigrateActivityType = "migrate-activity-type";
    /// <summary>No arguments: what the request changes was changed by someone else at the same time; nothing was saved.</summary>
    public const string ChangedMeanwhile = "changed-meanwhile";
    /// <summary>Arguments: definition (deleted since the caller opened it).</summary>
    public const string DefinitionDeleted = "definition-deleted";
    /// <summary>Arguments: definition, version, status, user, at (saved since the caller opened it).</summary>
    public const string DefinitionChanged = "definition-changed";
}
