namespace XinchuangFlow.Engine.Definitions;

/// <summary>Designer canvas coordinates.</summary>
public sealed record DesignerPosition(double X, double Y);
