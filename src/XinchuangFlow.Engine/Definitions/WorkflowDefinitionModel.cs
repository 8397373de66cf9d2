using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace XinchuangFlow.Engine.Definitions;

/// <summary>
/// A flowchart workflow definition as it is stored, imported and exported (see docs/workflow-json.md).
/// </summary>
public sealed class WorkflowDefinitionModel
{
    /// <summary>The JSON format version this document was written for.</summary>
    public int SchemaVersion { get; set; } = DefinitionJson.CurrentSchemaVersion;

    /// <summary>Stable identifier of the definition across its versions, e.g. <c>service-ticket</c>.</summary>
    public string DefinitionId { get; set; } = "";

    /// <summary>Human-readable name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Optional description.</summary>
    public string? Description { get; set; }

    /// <summary>Workflow variables with their types and default values.</summary>
    public List<VariableDefinition> Variables { get; set; } = [];

    /// <summary>The activities (nodes) of the flowchart.</summary>
    public List<ActivityModel> Activities { get; set; } = [];

    /// <summary>Connections from an outcome port of one activity to another activity.</summary>
    public List<ConnectionModel> Connections { get; set; } = [];

    /// <summary>Who may start instances through the generic ways in (instances API, admin UI); see <see cref="StartPermission"/>.</summary>
    public StartPermission? StartPermission { get; set; }

    /// <summary>Free-form metadata (designer zoom, tags …).</summary>
    public JsonObject? Metadata { get; set; }

    /// <summary>Finds an activity by id, or null.</summary>
    public ActivityModel? FindActivity(string id) => Activities.FirstOrDefault(a => a.Id == id);
}

/// <summary>
/// Who may start a definition directly. Without it, the engine's default start roles apply (the Data Bureau
/// administrator). A use-case-only definition (a ticket, a complaint) is started only by its application use case.
/// </summary>
public sealed class StartPermission
{
    /// <summary>Stands for every signed-in user in <see cref="Roles"/>.</summary>
    public const string AnySignedIn = "*";

    /// <summary>Role names allowed to start it; "*" for any signed-in user.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>True when only the owning use case starts it (never the generic API).</summary>
    public bool UseCaseOnly { get; set; }
}

/// <summary>A workflow variable.</summary>
public sealed class VariableDefinition
{
    /// <summary>Variable name, used as <c>vars.name</c> in expressions.</summary>
    public string Name { get; set; } = "";

    /// <summary>One of string, number, boolean, object, array, datetime, any.</summary>
    public string Type { get; set; } = "any";

    /// <summary>Initial value when an instance starts and the input does not set it.</summary>
    public JsonNode? Default { get; set; }
}

/// <summary>One node of the flowchart.</summary>
public sealed class ActivityModel
{
    /// <summary>Identifier unique within the definition; tasks, bookmarks and journal entries refer to it.</summary>
    public string Id { get; set; } = "";

    /// <summary>The stable activity type key, e.g. <c>xf.UserTask</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>Label shown in the designer and the journal.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Input values: a JSON literal, or <c>{"expr": "javascript"}</c> for an expression.</summary>
    public Dictionary<string, JsonNode?> Inputs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Position on the designer canvas.</summary>
    public DesignerPosition? Position { get; set; }

    /// <summary>The label if any, else the id.</summary>
    [JsonIgnore]
    public string Label => string.IsNullOrWhiteSpace(DisplayName) ? Id : $"{DisplayName} ({Id})";
}

/// <summary>Designer canvas coordinates.</summary>
public sealed record DesignerPosition(double X, double Y);

/// <summary>A connection from <see cref="Source"/>'s outcome port to <see cref="Target"/>.</summary>
public sealed class ConnectionModel
{
    /// <summary>The activity and outcome port the connection leaves from.</summary>
    public Endpoint Source { get; set; } = new();

    /// <summary>The activity the connection leads to (its port is "in" and may be omitted).</summary>
    public Endpoint Target { get; set; } = new();
}

/// <summary>One end of a connection.</summary>
public sealed class Endpoint
{
    /// <summary>Activity id.</summary>
    public string Activity { get; set; } = "";

    /// <summary>Outcome port (source side) or input port (target side, default "in").</summary>
    public string? Port { get; set; }
}
