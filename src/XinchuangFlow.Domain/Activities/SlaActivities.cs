using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Domain.Activities;

/// <summary>Palette category of the SLA activities.</summary>
public static class SlaCategory
{
    public const string Name = "时限";

    /// <summary>The local signal a watcher waits on while its clock is paused or not yet started.</summary>
    public static string Signal(ClockKind kind) => "sla:" + TicketClocks.Name(kind);

    internal static readonly InputDescriptor ClockInput = new("clock", InputKind.String, "时钟", "Clock", Required: true, ExpressionAllowed: false,
        HintZh: "response 响应 / onsite 到场 / resolution 解决", HintEn: "response / onsite / resolution");

    internal static ClockKind Clock(ActivityContext context)
    {
        try { return TicketClocks.Parse(context.GetString("clock")); }
        catch (ArgumentException ex) { throw new ActivityInputException(context.Activity.Id, "clock", ex.Message, ex); }
    }

    internal static IEnumerable<string> ValidateClock(Engine.Definitions.ActivityModel model)
    {
        var value = model.Inputs.GetValueOrDefault("clock") is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (value is not null && value is not ("response" or "onsite" or "on-site" or "resolution"))
            yield return $"input 'clock': '{value}' is not response, onsite or resolution";
    }

    /// <summary>The target the rules give a clock of this ticket, with the reason.</summary>
    internal static async Task<(TimeSpan Target, string Reason)> RuleTargetAsync(CaseSession cases, Ticket ticket, ClockKind kind, ActivityContext context)
    {
        var (rules, set) = await cases.SlaAsync(ticket);
        var source = $"rules sla/{set.Scope} v{set.Version}";
        switch (kind)
        {
            case ClockKind.Response:
                return (rules.ResponseTarget(ticket.Grade), $"{ticket.Grade ?? "P4"} response target ({source})");
            case ClockKind.Resolution:
                return (rules.ResolutionTarget(ticket.Grade), $"{ticket.Grade ?? "P4"} resolution target ({source})");
            default:
                if (ticket.ServicePointCounty is null)
                    throw new ActivityInputException(context.Activity.Id, "clock", "the on-site clock needs a dispatched service point; dispatch the ticket first");
                var (target, reason) = rules.OnSiteTarget(ticket.CountyCode, ticket.ServicePointCounty, ticket.Grade, cases.Divisions, set.Scope);
                return (target, $"{reason} ({source})");
        }
    }
}

/// <summary>Starts an SLA clock of the ticket (SLA-1/2); the target comes from the rules unless the definition gives one.</summary>
[Activity("xf.sla.StartClock", SlaCategory.Name, "启动时钟", "Start clock",
    DescriptionZh = "启动工单的响应/到场/解决时钟；时限取自规则（到场：同市 4 小时、外市 12 小时），也可在此指定。",
    DescriptionEn = "Starts the ticket's response, on-site or resolution clock; the target comes from the rules (on-site: 4 h same city, 12 h otherwise) unless given here.")]
public sealed class StartClockActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [SlaCategory.ClockInput, new InputDescriptor("target", InputKind.Duration, "时限（覆盖规则）", "Target (overrides rules)")],
        ["done"]);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model) => SlaCategory.ValidateClock(model);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var kind = SlaCategory.Clock(context);
        var ticket = await cases.TicketAsync(context);
        var (rules, _) = await cases.SlaAsync(ticket);
        var clocks = ticket.Clocks();
        var explicitTarget = context.GetDuration("target");
        var (target, reason) = explicitTarget is { } t ? (t, $"definition: {context.Activity.Id}") : await SlaCategory.RuleTargetAsync(cases, ticket, kind, context);
        if (clocks[kind].State == ClockState.Stopped)
            clocks.Replace(kind); // a new visit after a reopen gets a fresh clock; the old figures stay in the history
        if (clocks[kind].State != ClockState.NotStarted)
        {
            context.JournalData("note", "already running");
            return ActivityResult.Done("done");
        }
        clocks[kind].Start(context.Now, target, reason);
        CaseSession.ClockEvent(context, ticket, clocks[kind], "start", rules.WorkingCalendar);
        context.RaiseLocalSignal(SlaCategory.Signal(kind));
        return ActivityResult.Done("done");
    }
}

/// <summary>Pauses a clock (waiting on the user or the vendor, SLA-3).</summary>
[Activity("xf.sla.PauseClock", SlaCategory.Name, "暂停时钟", "Pause clock",
    DescriptionZh = "暂停时钟（等待用户、等待厂商）；暂停时间单独记录，不计入时限。",
    DescriptionEn = "Pauses a clock (waiting on the user or vendor); paused time is recorded and not counted.")]
public sealed class PauseClockActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new([SlaCategory.ClockInput, new InputDescriptor("reason", InputKind.String, "暂停原因", "Reason")], ["done"]);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model) => SlaCategory.ValidateClock(model);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var kind = SlaCategory.Clock(context);
        var ticket = await cases.TicketAsync(context);
        var (rules, _) = await cases.SlaAsync(ticket);
        var clock = ticket.Clocks()[kind];
        if (clock.State != ClockState.Running) return ActivityResult.Done("done");
        clock.Pause(context.Now, rules.WorkingCalendar);
        CaseSession.ClockEvent(context, ticket, clock, "pause", rules.WorkingCalendar, context.GetString("reason"));
        context.RaiseLocalSignal(SlaCategory.Signal(kind));
        return ActivityResult.Done("done");
    }
}

/// <summary>
/// Resumes a paused clock. A rule-derived target is recomputed from the rules in force now, so a policy change
/// applies to the time left, while consumed and paused time are kept (SLA-3).
/// </summary>
[Activity("xf.sla.ResumeClock", SlaCategory.Name, "恢复时钟", "Resume clock",
    DescriptionZh = "恢复已暂停的时钟；按当前规则重算时限，已用时间和暂停时间保留。",
    DescriptionEn = "Resumes a paused clock; the target follows the rules in force now, used and paused time are kept.")]
public sealed class ResumeClockActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new([SlaCategory.ClockInput], ["done"]);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model) => SlaCategory.ValidateClock(model);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var kind = SlaCategory.Clock(context);
        var ticket = await cases.TicketAsync(context);
        var (rules, _) = await cases.SlaAsync(ticket);
        var clock = ticket.Clocks()[kind];
        if (clock.State != ClockState.Paused) return ActivityResult.Done("done");
        clock.Resume(context.Now);
        if (clock.TargetReason?.StartsWith("definition", StringComparison.Ordinal) != true)
        {
            var (target, reason) = await SlaCategory.RuleTargetAsync(cases, ticket, kind, context);
            if (target != clock.Target) clock.ChangeTarget(target, reason + "; policy changed while paused");
        }
        CaseSession.ClockEvent(context, ticket, clock, "resume", rules.WorkingCalendar);
        context.RaiseLocalSignal(SlaCategory.Signal(kind));
        return ActivityResult.Done("done");
    }
}

/// <summary>Stops a clock and records whether it breached (SLA-4).</summary>
[Activity("xf.sla.StopClock", SlaCategory.Name, "停止时钟", "Stop clock",
    DescriptionZh = "停止时钟并记录实际用时、暂停时间和是否超时；停止后不再升级。",
    DescriptionEn = "Stops a clock, recording actual time, paused time and breach; no escalation after it stops.")]
public sealed class StopClockActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new([SlaCategory.ClockInput], ["done"]);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model) => SlaCategory.ValidateClock(model);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        await StopAsync(context, cases, ticket, SlaCategory.Clock(context));
        return ActivityResult.Done("done");
    }

    internal static async Task StopAsync(ActivityContext context, CaseSession cases, Ticket ticket, ClockKind kind)
    {
        var (rules, _) = await cases.SlaAsync(ticket);
        var clock = ticket.Clocks()[kind];
        if (clock.State is ClockState.NotStarted or ClockState.Stopped) return;
        clock.Stop(context.Now, rules.WorkingCalendar);
        CaseSession.ClockEvent(context, ticket, clock, "stop", rules.WorkingCalendar);
        context.RaiseLocalSignal(SlaCategory.Signal(kind));
    }
}

/// <summary>
/// Escalation (FLOW-3) as a waiting activity: while its clock runs it waits for the moment the next level's share of
/// the target is reached, then notifies that level's roles. Each level fires once per clock (recorded on the clock,
/// so never repeated); a paused clock is waited out; a stopped clock ends the watch without notifying.
/// </summary>
[Activity("xf.sla.Escalate", SlaCategory.Name, "超时升级", "Escalate",
    DescriptionZh = "时钟达到时限的各百分比（默认 50/80/100%）时逐级通知：调度员→企业服务经理→市级统筹→数据局/内网办；每级一次，时钟停止后不再通知。",
    DescriptionEn = "Notifies up the chain when the clock reaches each share of its target (default 50/80/100 %); each level once, never after the clock stops.")]
public sealed class EscalateActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            SlaCategory.ClockInput,
            new InputDescriptor("levels", InputKind.Json, "升级级别", "Levels", ExpressionAllowed: false,
                HintZh: "[{\"percent\":50,\"roles\":[\"Dispatcher\"]}, …]；留空用区域规则", HintEn: "[{\"percent\":50,\"roles\":[\"Dispatcher\"]}, …]; empty = regional rules"),
        ],
        ["stopped", "exhausted"], IsWaiting: true);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model)
    {
        foreach (var p in SlaCategory.ValidateClock(model)) yield return p;
        if (model.Inputs.GetValueOrDefault("levels") is { } node)
        {
            List<EscalationLevel>? levels = null;
            string? error = null;
            try { levels = node.Deserialize<List<EscalationLevel>>(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)); }
            catch (System.Text.Json.JsonException ex) { error = ex.Message; }
            if (levels is null) yield return $"input 'levels' must be a list of {{percent, roles}} ({error})";
            else foreach (var p in EscalationRules.Check(levels)) yield return $"input 'levels': {p}";
        }
    }

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => WatchAsync(context);

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeStimulus stimulus) => WatchAsync(context);

    private async ValueTask<ActivityResult> WatchAsync(ActivityContext context)
    {
        var kind = SlaCategory.Clock(context);
        var ticket = await cases.TicketAsync(context);
        var (rules, _) = await cases.SlaAsync(ticket);
        var calendar = rules.WorkingCalendar;
        var levels = CaseSession.Read<List<EscalationLevel>>(context, "levels") ?? (await cases.Rules.EscalationAsync(ticket.CityCode)).Rules.Levels;
        var clock = ticket.Clocks()[kind];
        // Woken by the timer or by a change of the clock: drop the other wait and plan afresh.
        context.CancelWaitsOf(new HashSet<string> { context.Activity.Id });
        foreach (var level in levels.OrderBy(l => l.Percent).Where(l => !clock.Escalated.Contains(l.Percent)))
        {
            if (clock.State == ClockState.Stopped) return ActivityResult.Done("stopped");
            // Paused or not started there is no moment yet; running, the moment may still lie ahead.
            var moment = clock.State == ClockState.Running ? clock.MomentAt(level.Percent / 100.0, calendar)!.Value : (DateTimeOffset?)null;
            if (moment is null || moment > context.Now)
            {
                // Every clock activity of this instance (start, pause, resume, stop, new target) raises this signal.
                context.CreateBookmark(BookmarkKind.Signal, SlaCategory.Signal(kind));
                if (moment is { } due)
                {
                    context.CreateTimer(due);
                    context.JournalData("nextLevel", level.Percent);
                    context.JournalData("dueAt", due.ToString("O"));
                }
                return ActivityResult.Wait;
            }
            Fire(context, ticket, clock, level, calendar);
        }
        return clock.State == ClockState.Stopped ? ActivityResult.Done("stopped") : ActivityResult.Done("exhausted");
    }

    private static void Fire(ActivityContext context, Ticket ticket, SlaClock clock, EscalationLevel level, WorkingCalendar calendar)
    {
        clock.Escalated.Add(level.Percent);
        if (level.Percent >= 100) ticket.Breached = true;
        var clockZh = TicketClocks.NameZh(clock.Kind);
        var deadline = clock.Deadline(calendar)?.ToOffset(TimeSpan.FromHours(8));
        var subject = level.Percent >= 100
            ? $"【超时】工单 {ticket.Number} {clockZh}时限已到（{level.Percent}%）"
            : $"【预警】工单 {ticket.Number} {clockZh}时限已用 {level.Percent}%";
        var body = $"{ticket.Title}｜{ticket.ProcurementUnit}｜等级 {ticket.Grade}｜工程师 {ticket.TechnicianName ?? "未派单"}｜截止 {deadline:yyyy-MM-dd HH:mm}｜{level.LabelZh}";
        foreach (var role in level.Roles)
            context.Notify(new Notification { ToRole = role, Subject = subject, Body = body, Channel = "inbox" });
        ticket.SyncClocks(context.Now, calendar);
        ticket.UpdatedAt = context.Now;
        CaseSession.Event(context, ticket.Id, "ticket", "escalated", ticket.Status, ticket.Status, subject, new JsonObject
        {
            ["clock"] = TicketClocks.Name(clock.Kind),
            ["percent"] = level.Percent,
            ["roles"] = new JsonArray(level.Roles.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
        });
        context.JournalData("escalated", level.Percent);
    }
}
