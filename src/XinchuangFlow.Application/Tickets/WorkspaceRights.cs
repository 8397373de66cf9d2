namespace XinchuangFlow.Application.Tickets;

/// <summary>What the signed-in user may do on a ticket's page besides working its open tasks.</summary>
public sealed record WorkspaceRights(bool Redispatch, bool OverrideGrade, bool SetOut, bool Upload, bool SeeDiagram);
