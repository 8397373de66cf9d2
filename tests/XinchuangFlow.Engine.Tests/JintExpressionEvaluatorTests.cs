using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Infrastructure.Expressions;

namespace XinchuangFlow.Engine.Tests;

public class JintExpressionEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private readonly JintExpressionEvaluator _jint = new(new ExpressionOptions { Timeout = TimeSpan.FromMilliseconds(500) });

    private JsonNode? Eval(string expr, JsonObject? vars = null) =>
        _jint.Evaluate(expr, new ExpressionScope(vars ?? new JsonObject { ["amount"] = 1500, ["city"] = "4501" }, new JsonObject { ["channel"] = "hotline" }, Guid.Empty, "a1", Now));

    [Fact]
    public void Evaluate_ReadsVariablesInputAndNow()
    {
        Assert.True(Eval("vars.amount > 1000")!.GetValue<bool>());
        Assert.Equal("hotline", Eval("input.channel")!.GetValue<string>());
        Assert.Equal("2026-11-27T12:00:00.000Z", Eval("new Date(Date.parse(now) + 4*3600*1000).toISOString()")!.GetValue<string>());
        Assert.Equal(3, ((JsonObject)Eval("({ a: 1, b: [1,2,3] })")!)["b"]!.AsArray().Count);
    }

    [Fact]
    public void APlainPath_ReadsAsJavaScriptWould_WithoutAnEngine_AndHandsOutACopy()
    {
        var vars = new JsonObject
        {
            ["request"] = new JsonObject { ["title"] = "终端无法开机", ["countyCode"] = "450103", ["nothing"] = null, ["tags"] = new JsonArray("a", "b") },
            ["dispatch"] = null,
        };
        Assert.Equal("终端无法开机", Eval("vars.request.title", vars)!.GetValue<string>());
        Assert.Equal("450103", Eval(" vars . request . countyCode ", vars)!.GetValue<string>());
        Assert.Null(Eval("vars.request.nothing", vars));
        Assert.Null(Eval("vars.request.missing", vars));                       // undefined, as in JavaScript
        Assert.Equal(2, Eval("vars.request.tags.length", vars)!.GetValue<int>()); // an array's length: Jint's answer
        Assert.Equal(12, Eval("vars.request.title.length + vars.request.countyCode.length", vars)!.GetValue<int>());
        // Reading a property of null or of nothing is JavaScript's TypeError, not a quiet null.
        Assert.Throws<ExpressionException>(() => Eval("vars.dispatch.ruleZh", vars));
        Assert.Throws<ExpressionException>(() => Eval("vars.absent.ruleZh", vars));
        Assert.Throws<ExpressionException>(() => Eval("vars.request.constructor", vars));   // a function, refused as before
        // A number an activity stored as a CLR value reads as a JSON number, as through Jint (an int reader is not refused a double).
        Assert.Equal(2, Eval("vars.feedback.satisfaction", new JsonObject { ["feedback"] = new JsonObject { ["satisfaction"] = JsonValue.Create(2.0) } })!.GetValue<int>());
        var copy = (JsonObject)Eval("vars.request", vars)!;
        copy["title"] = "changed";
        Assert.Equal("终端无法开机", vars["request"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ChangesToVarsDoNotLeakBack()
    {
        var vars = new JsonObject { ["amount"] = 1 };
        Eval("vars.amount = 99; vars.amount", vars);
        Assert.Equal(1, vars["amount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("while(true){}")]
    [InlineData("for(;;){}")]
    public void Evaluate_EndlessLoop_StoppedWithExpressionException(string script) =>
        Assert.Throws<ExpressionException>(() => Eval(script));

    [Fact]
    public void Evaluate_MemoryBomb_Stopped() =>
        Assert.Throws<ExpressionException>(() => Eval("var a = []; for (var i = 0; i < 1e9; i++) a.push('xxxxxxxxxxxxxxxxxxxxxxxx' + i); a.length"));

    [Fact]
    public void Evaluate_DeepRecursion_Stopped() =>
        Assert.Throws<ExpressionException>(() => Eval("function f(n){ return f(n+1); } f(0)"));

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("eval('1+1')")]
    [InlineData("Function('return 1')()")]
    [InlineData("require('fs')")]
    public void Evaluate_NoHostAccess(string script) =>
        Assert.Throws<ExpressionException>(() => Eval(script));

    [Fact]
    public void Evaluate_ScriptError_MessageSaysWhat()
    {
        var ex = Assert.Throws<ExpressionException>(() => Eval("vars.nothing.deeper"));
        Assert.Contains("deeper", ex.Message);
    }

    [Fact]
    public void Check_SyntaxError_ReturnsMessage_ValidReturnsNull()
    {
        Assert.Null(_jint.Check("vars.a + 1"));
        Assert.NotNull(_jint.Check("vars.a +"));
        Assert.NotNull(_jint.Check(new string('1', 5000)));
    }
}
