using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Engine.Tests;

public class DefinitionValidatorTests
{
    private static IReadOnlyList<ValidationProblem> Validate(Action<WorkflowDefinitionModel> breakIt)
    {
        var d = TestSupport.ReviewFlow();
        breakIt(d);
        return TestSupport.Validator.Validate(d);
    }

    private static void Connect(WorkflowDefinitionModel d, string from, string port, string to) =>
        d.Connections.Add(new ConnectionModel { Source = new Endpoint { Activity = from, Port = port }, Target = new Endpoint { Activity = to } });

    [Fact]
    public void Validate_Fixture_HasNoProblems() => Assert.Empty(Validate(_ => { }));

    [Fact]
    public void Validate_UnknownType_NamesActivity()
    {
        var p = Validate(d => d.FindActivity("review")!.Type = "xf.NoSuchThing");
        Assert.Contains(p, x => x.Code == "unknown-type" && x.ActivityId == "review");
    }

    [Fact]
    public void Validate_MissingStart_Reported() =>
        Assert.Contains(Validate(d => { d.Activities.RemoveAll(a => a.Id == "start"); d.Connections.RemoveAll(c => c.Source.Activity == "start"); }),
            x => x.Code == "start-missing");

    [Fact]
    public void Validate_SecondStart_NamesIt()
    {
        var p = Validate(d =>
        {
            d.Activities.Add(new ActivityModel { Id = "start2", Type = "xf.Start" });
            Connect(d, "start2", "done", "end");
        });
        Assert.Contains(p, x => x.Code == "start-duplicate" && x.ActivityId == "start2");
    }

    [Fact]
    public void Validate_DanglingConnection_NamesSource()
    {
        var p = Validate(d => Connect(d, "review", "approve", "ghost"));
        Assert.Contains(p, x => x.Code == "connection-dangling" && x.ActivityId == "review" && x.Message.Contains("ghost"));
    }

    [Fact]
    public void Validate_DuplicateConnection_Reported() =>
        Assert.Contains(Validate(d => Connect(d, "big", "false", "end")), x => x.Code == "connection-duplicate" && x.ActivityId == "big");

    [Fact]
    public void Validate_UnreachableActivity_NamesIt()
    {
        var p = Validate(d =>
        {
            d.Activities.Add(new ActivityModel { Id = "island", Type = "xf.SetVariable", Inputs = { ["variable"] = "amount", ["value"] = 1 } });
            Connect(d, "island", "done", "end");
        });
        Assert.Contains(p, x => x.Code == "unreachable" && x.ActivityId == "island");
    }

    [Fact]
    public void Validate_OutcomeWithoutTarget_NamesActivityAndPort()
    {
        var p = Validate(d => d.Connections.RemoveAll(c => c.Source.Activity == "review" && c.Source.Port == "reject"));
        Assert.Contains(p, x => x.Code == "outcome-unconnected" && x.ActivityId == "review" && x.Message.Contains("reject"));
    }

    [Fact]
    public void Validate_PortThatIsNotAnOutcome_Reported() =>
        Assert.Contains(Validate(d => Connect(d, "review", "maybe", "end")), x => x.Code == "connection-port" && x.ActivityId == "review");

    [Fact]
    public void Validate_BadExpression_NamesActivityAndInput()
    {
        var p = Validate(d => d.FindActivity("big")!.Inputs["condition"] = DefinitionJson.Expr("vars.amount >"));
        var problem = Assert.Single(p, x => x.Code == "bad-expression");
        Assert.Equal("big", problem.ActivityId);
        Assert.Contains("condition", problem.Message);
    }

    [Fact]
    public void Validate_LoopWithoutWait_Reported()
    {
        var p = Validate(d =>
        {
            d.Activities.Add(new ActivityModel { Id = "again", Type = "xf.SetVariable", Inputs = { ["variable"] = "amount", ["value"] = DefinitionJson.Expr("vars.amount + 1") } });
            d.Connections.RemoveAll(c => c.Source.Activity == "big" && c.Source.Port == "false");
            Connect(d, "big", "false", "again");
            Connect(d, "again", "done", "big");
        });
        Assert.Contains(p, x => x.Code == "loop-without-wait" && x.Message.Contains("again") && x.Message.Contains("big"));
    }

    [Fact]
    public void Validate_LoopThroughUserTask_IsAllowed()
    {
        var p = Validate(d =>
        {
            d.Connections.RemoveAll(c => c.Source.Activity == "review" && c.Source.Port == "reject");
            Connect(d, "review", "reject", "review");
        });
        Assert.DoesNotContain(p, x => x.Code == "loop-without-wait");
    }

    [Fact]
    public void Validate_SeveralProblems_AllReportedAtOnce()
    {
        var p = Validate(d =>
        {
            d.FindActivity("review")!.Type = "xf.Nope";
            d.FindActivity("big")!.Inputs["condition"] = DefinitionJson.Expr("((");
            Connect(d, "end", "done", "missing");
            d.DefinitionId = "";
        });
        Assert.Contains(p, x => x.Code == "unknown-type");
        Assert.Contains(p, x => x.Code == "bad-expression");
        Assert.Contains(p, x => x.Code == "connection-dangling");
        Assert.Contains(p, x => x.Code == "definition-id");
    }

    [Fact]
    public void Validate_RequiredInputMissingAndUnknownInput_Reported()
    {
        var p = Validate(d =>
        {
            d.FindActivity("big")!.Inputs.Remove("condition");
            d.FindActivity("review")!.Inputs["colour"] = "blue";
        });
        Assert.Contains(p, x => x.Code == "input-required" && x.ActivityId == "big");
        Assert.Contains(p, x => x.Code == "input-unknown" && x.ActivityId == "review");
    }

    [Fact]
    public void Validate_UserTaskWithoutAssigneeOrRole_Reported() =>
        Assert.Contains(Validate(d => d.FindActivity("review")!.Inputs.Remove("role")), x => x.Code == "activity-config" && x.ActivityId == "review");

    [Fact]
    public void Validate_DuplicateActivityId_Reported()
    {
        var p = Validate(d => d.Activities.Add(new ActivityModel { Id = "end", Type = "xf.End" }));
        Assert.Contains(p, x => x.Code == "activity-duplicate" && x.ActivityId == "end");
    }

    [Fact]
    public void Validate_UndeclaredResultVariable_Reported() =>
        Assert.Contains(Validate(d => d.FindActivity("review")!.Inputs["resultVariable"] = "nope"), x => x.Code == "variable-undeclared");

    [Fact]
    public void Validate_BadDurationLiteral_Reported()
    {
        var p = Validate(d => d.FindActivity("review")!.Inputs["dueIn"] = "four hours");
        Assert.Contains(p, x => x.Code == "input-type" && x.ActivityId == "review");
    }

    [Fact]
    public void Validate_SwitchCasesArePorts()
    {
        var d = TestSupport.ReviewFlow();
        d.Activities.Add(new ActivityModel
        {
            Id = "grade", Type = "xf.Switch",
            Inputs = { ["cases"] = new JsonArray(new JsonObject { ["name"] = "P1", ["condition"] = DefinitionJson.Expr("vars.amount > 5000") }) },
        });
        d.Connections.RemoveAll(c => c.Source.Activity == "big" && c.Source.Port == "false");
        Connect(d, "big", "false", "grade");
        Connect(d, "grade", "P1", "end");
        var p = TestSupport.Validator.Validate(d);
        Assert.Contains(p, x => x.Code == "outcome-unconnected" && x.ActivityId == "grade" && x.Message.Contains("default"));
        Connect(d, "grade", "default", "end");
        Assert.Empty(TestSupport.Validator.Validate(d));
    }

    [Fact]
    public void Validate_CycleWithNoExit_NamesIt_AndWhatLeadsOnlyIntoIt()
    {
        // reject → rework → review: a loop that waits (a task), but whose only way out was removed.
        var p = Validate(d =>
        {
            d.Activities.Add(new ActivityModel { Id = "rework", Type = "xf.UserTask", Inputs = { ["title"] = "Rework", ["role"] = "Dispatcher", ["outcomes"] = new JsonArray("again") } });
            d.Connections.RemoveAll(c => c.Source.Activity == "review");
            Connect(d, "review", "approve", "rework");
            Connect(d, "review", "reject", "rework");
            Connect(d, "rework", "again", "review");
        });
        Assert.Contains(p, x => x.Code == "cycle-without-exit" && x.ActivityId == "review" && x.Message.Contains("rework"));
        Assert.DoesNotContain(p, x => x.Code == "loop-without-wait");
    }

    [Fact]
    public void Validate_ActivityWithNoPathToAnEnd_IsReported()
    {
        var p = Validate(d =>
        {
            // A signal wait whose 'done' leads into a loop of two decisions that never leaves.
            d.Activities.Add(new ActivityModel { Id = "wait", Type = "xf.Signal", Inputs = { ["signal"] = "go" } });
            d.Activities.Add(new ActivityModel { Id = "spin", Type = "xf.Delay", Inputs = { ["duration"] = "PT1H" } });
            d.Connections.RemoveAll(c => c.Source.Activity == "big" && c.Source.Port == "false");
            Connect(d, "big", "false", "wait");
            Connect(d, "wait", "done", "spin");
            Connect(d, "spin", "done", "spin");
        });
        Assert.Contains(p, x => x.Code == "cycle-without-exit" && x.ActivityId == "spin");
        Assert.Contains(p, x => x.Code == "no-path-to-end" && x.ActivityId == "wait");
    }

    [Fact]
    public void Validate_OutcomeKeys_ObjectsWithNames_OptionalPorts_AndReservedKeys()
    {
        Assert.Empty(Validate(d =>
        {
            var review = d.FindActivity("review")!;
            review.Inputs["outcomes"] = JsonNode.Parse("""[{"key":"approve","name":"同意","nameEn":"Approve"},{"key":"reject","name":"驳回"}]""");
            review.Inputs["dueIn"] = "PT4H";
            Connect(d, "review", "overdue", "end");     // optional ports may be connected …
        }));
        Assert.Empty(Validate(d => d.FindActivity("review")!.Inputs["dueIn"] = "PT4H"));   // … and need not be
        var reserved = Validate(d => d.FindActivity("review")!.Inputs["outcomes"] = new JsonArray("approve", "reject", "withdrawn"));
        Assert.Contains(reserved, x => x.Code == "activity-config" && x.Message.Contains("reserved"));
        var keyless = Validate(d => d.FindActivity("review")!.Inputs["outcomes"] = JsonNode.Parse("""[{"name":"同意"},"reject"]"""));
        Assert.Contains(keyless, x => x.Code == "activity-config" && x.Message.Contains("without a key"));
    }

    [Fact]
    public void Validate_JoinAndSwitchModes_AreChecked()
    {
        var p = Validate(d =>
        {
            d.Activities.Add(new ActivityModel { Id = "join", Type = "xf.Join", Inputs = { ["mode"] = "most" } });
            Connect(d, "join", "done", "end");
        });
        Assert.Contains(p, x => x.Code == "activity-config" && x.ActivityId == "join" && x.Message.Contains("discriminator"));
    }
}
