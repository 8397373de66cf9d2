namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>The generic activities every installation has.</summary>
public static class BuiltinActivities
{
    public static IReadOnlyList<IActivity> All() =>
    [
        new StartActivity(), new EndActivity(), new DecisionActivity(), new SwitchActivity(), new ForkActivity(),
        new JoinActivity(), new SetVariableActivity(), new DelayActivity(), new TimerActivity(), new UserTaskActivity(),
        new SignalActivity(), new SendNotificationActivity(), new SubWorkflowActivity(), new ForEachActivity(),
    ];
}
