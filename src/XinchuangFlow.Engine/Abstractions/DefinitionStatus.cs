namespace XinchuangFlow.Engine.Abstractions;

/// <summary>Lifecycle of a definition version.</summary>
public enum DefinitionStatus { Draft = 0, Published = 1, Retired = 2 }
