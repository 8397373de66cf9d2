using System.Text.Json.Nodes;

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
