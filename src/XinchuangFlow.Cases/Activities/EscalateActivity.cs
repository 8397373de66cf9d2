using XinchuangFlow.Domain.Time;
using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>
/// Escalation (FLOW-3) as a waiting activity: while its clock runs it waits for the moment the next level's share of
/// the target is reached, then notifies that level's roles. Each level fires once per clock (recorded on the clock,
/// so never repeated); a paused clock is waited out; a stopped clock ends the watch without notifying.
/// </summary>
[Activity("xf.sla.Escalate", SlaCategory.Name, "超时升级", "Escalate",
    DescriptionZh = "时钟达到时限的各百分比（默认 50/80/100%）时逐级通知：调度员→企业服务经理→市级统筹→数据局/内网办；每级一次，时钟停止后不再通知。",
    DescriptionEn = "Notifies up the chain when the clock reaches each share of its target (default 50/80/100 %); each level once, never after the clock stops.")]
public sealed class EscalateActivity(CaseSession cases, INotificationTexts texts) : IActivity
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
            else foreach (var p in EscalationRules.Check(levels)) yield return $"input 'levels': {p.Message}";
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
            // Paused or not started there is no moment yet; running, the moment may still lie ahead — or there is none
            // when the calendar has no open time for it (the clock start raised an incident): wait for a clock change only.
            var moment = clock.State == ClockState.Running ? clock.MomentAt(level.Percent / 100.0, calendar) : null;
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
            Fire(context, ticket, clock, level, calendar, texts);
        }
        return clock.State == ClockState.Stopped ? ActivityResult.Done("stopped") : ActivityResult.Done("exhausted");
    }

    private static void Fire(ActivityContext context, Ticket ticket, SlaClock clock, EscalationLevel level, WorkingCalendar calendar, INotificationTexts texts)
    {
        clock.Escalated.Add(level.Percent);
        if (level.Percent >= 100) ticket.Breached = true;
        var deadline = clock.Deadline(calendar)?.ToChina();
        var key = level.Percent >= 100 ? "SlaBreached" : "SlaWarning";
        var args = new Dictionary<string, string>
        {
            ["number"] = ticket.Number, ["clock"] = "@Clock." + clock.Kind.ToString().ToLowerInvariant(), ["percent"] = level.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["title"] = ticket.Title, ["unit"] = ticket.ProcurementUnit ?? "", ["grade"] = ticket.Grade?.ToString() ?? "",
            ["technician"] = ticket.TechnicianName ?? "@Notify.NoTechnician", ["deadline"] = deadline is { } d ? d.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "",
            ["label"] = level.LabelZh ?? "",
        };
        // The words are the notification resource's (its Chinese stored with the notification and in the ticket's history).
        var words = new Notification().WithText(key, args, texts);
        foreach (var channel in level.EffectiveChannels)
        {
            foreach (var role in level.Roles)
                context.Notify(words.To(null, role, channel));
            foreach (var user in level.Users)
                context.Notify(words.To(user, null, channel));
        }
        ticket.SyncClocks(context.Now, calendar);
        ticket.UpdatedAt = context.Now;
        context.Record(ticket, "escalated", words.Subject, new JsonObject
        {
            ["clock"] = TicketClocks.Name(clock.Kind),
            ["percent"] = level.Percent,
            ["roles"] = new JsonArray(level.Roles.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
            ["users"] = new JsonArray(level.Users.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
            ["channels"] = new JsonArray(level.EffectiveChannels.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
        }, bySystem: true);
        context.JournalData("escalated", level.Percent);
    }
}
