using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Activities.Builtin;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Validation;
using XinchuangFlow.Infrastructure.Expressions;

namespace XinchuangFlow.Engine.Tests;

internal static class TestSupport
{
    public static readonly ActivityRegistry Registry = new(BuiltinActivities.All());
    public static readonly JintExpressionEvaluator Jint = new();
    public static DefinitionValidator Validator => new(Registry, Jint);

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static WorkflowDefinitionModel ReviewFlow() => DefinitionJson.Parse(Fixture("review-flow.json"));
}
