namespace XinchuangFlow.Engine.Activities;

/// <summary>
/// Value types an input can hold; the designer picks an editor from it. <see cref="TaskKind"/> is a key of the host's
/// task-kind catalogue (the part a user task plays for the host's pages); the engine stores it and knows no list.
/// </summary>
public enum InputKind { String, Text, Number, Boolean, Duration, DateTime, StringList, Json, Form, Cases, VariableName, Outcomes, Role, User, Definition, TaskKind }
