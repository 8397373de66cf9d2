namespace XinchuangFlow.Kernel;

/// <summary>
/// Marks a static class whose <c>const string</c> fields are problem codes. A test finds every such class and checks that
/// each code has its text in every language the product speaks, with no argument the text names missing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProblemCodesAttribute : Attribute;
