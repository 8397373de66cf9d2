namespace XinchuangFlow.Domain.Rules.Kinds;

/// <summary>SLA targets and the working calendar (SLA-1/2/3): durations per grade, on-site targets, the calendar.</summary>
public sealed class SlaRuleKind : RuleKind<SlaRules>
{
    /// <summary>Editor groups: the targets table (also the overview's rows), each grade's own on-site targets, the calendar.</summary>
    public const string Targets = "targets", ByGrade = "byGrade", Calendar = "calendar";

    private const string Hours = "Rules.HoursUnit";

    public override string Key => RuleKinds.Sla;
    public override string TitleKey => "Rules.SlaTitle";

    public override IReadOnlyList<RuleField> Fields { get; } =
    [
        new("response.{grade}", RuleValueType.Duration, "Rules.Response") { UnitKey = Hours, Limitable = true, Group = Targets, InOverview = true },
        new("resolution.{grade}", RuleValueType.Duration, "Rules.Resolution") { UnitKey = Hours, Limitable = true, Group = Targets, InOverview = true },
        new("onSite.sameCity", RuleValueType.Duration, "Rules.OnSiteSame") { UnitKey = Hours, Limitable = true, Group = Targets, InOverview = true },
        new("onSite.otherCity", RuleValueType.Duration, "Rules.OnSiteOther") { UnitKey = Hours, Limitable = true, Group = Targets, InOverview = true },
        new("onSite.byGrade.{grade}.sameCity", RuleValueType.Duration, "Rules.OnSiteSame")
            { UnitKey = Hours, Limitable = true, AllGradesLimitLabelKey = "Limits.ByGradeSame", Optional = true, Group = ByGrade },
        new("onSite.byGrade.{grade}.otherCity", RuleValueType.Duration, "Rules.OnSiteOther")
            { UnitKey = Hours, Limitable = true, AllGradesLimitLabelKey = "Limits.ByGradeOther", Optional = true, Group = ByGrade },
        new("calendar", RuleValueType.Text, "Rules.CalendarInUse") { Group = Calendar },
        new("calendars.*.windows", RuleValueType.TextList, "Rules.Windows") { Group = Calendar },
        new("calendars.*.workingDays", RuleValueType.ChoiceList, "Rules.WorkingDays") { Choices = ["1", "2", "3", "4", "5", "6", "7"], ChoiceLabelPrefix = "Weekday.", Group = Calendar },
        new("calendars.*.holidays", RuleValueType.TextList, "Rules.Calendar") { Group = Calendar },
        new("calendars.*.makeUpWorkdays", RuleValueType.TextList, "Rules.Calendar") { Group = Calendar },
    ];

    public override SlaRules Parse(string json) => SlaRules.Parse(json);

    /// <summary>Every ticket must get a deadline on the working calendar (<see cref="SlaSafety"/>).</summary>
    protected override IReadOnlyList<Problem> Check(SlaRules document, DateTimeOffset now) => SlaSafety.Check(document, now);
}
