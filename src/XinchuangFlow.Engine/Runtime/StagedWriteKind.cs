namespace XinchuangFlow.Engine.Runtime;

/// <summary>Insert a new row, or update a row only while its guard column still holds the expected value.</summary>
public enum StagedWriteKind { Insert, Update }
