namespace XinchuangFlow.Engine.Tests;

public class ActivityDescriptorTests
{
    [Fact]
    public void Registry_HasEveryGenericActivityOfEng5()
    {
        var types = TestSupport.Registry.Descriptors.Select(d => d.Type).ToHashSet();
        foreach (var t in new[] { "xf.Start", "xf.End", "xf.Decision", "xf.Switch", "xf.Fork", "xf.Join", "xf.SetVariable", "xf.Delay",
                     "xf.Timer", "xf.UserTask", "xf.Signal", "xf.SendNotification", "xf.SubWorkflow" })
            Assert.Contains(t, types);
    }

    [Fact]
    public void Descriptors_HaveChineseAndEnglishNamesAndInputs()
    {
        foreach (var d in TestSupport.Registry.Descriptors)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.DisplayNameZh), d.Type);
            Assert.False(string.IsNullOrWhiteSpace(d.DisplayNameEn), d.Type);
            Assert.All(d.Inputs, i => Assert.False(string.IsNullOrWhiteSpace(i.DisplayNameZh)));
        }
        var task = TestSupport.Registry.FindDescriptor("xf.UserTask")!;
        Assert.True(task.IsWaiting);
        Assert.Equal("outcomes", task.OutcomesFromInput);
        Assert.True(task.FindInput("title")!.Required);
        Assert.False(task.FindInput("outcomes")!.ExpressionAllowed);
        Assert.Equal(["true", "false"], TestSupport.Registry.FindDescriptor("xf.Decision")!.Outcomes);
    }
}
