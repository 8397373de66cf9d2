namespace XinchuangFlow.Engine.Activities;

/// <summary>Value types an input can hold; the designer picks an editor from it.</summary>
public enum InputKind { String, Text, Number, Boolean, Duration, DateTime, StringList, Json, Form, Cases, VariableName, Outcomes, Role, User, Definition }
