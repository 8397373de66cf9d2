namespace XinchuangFlow.Application.Access;

/// <summary>What a user may do with a human task.</summary>
public enum TaskRight { None, Work }
