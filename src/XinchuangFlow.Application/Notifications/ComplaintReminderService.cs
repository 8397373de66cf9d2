using XinchuangFlow.Domain.Time;
using XinchuangFlow.Cases;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Notifications;

/// <summary>
/// Reminders for overdue complaint steps (FLOW-5, INT-6): when a complaint's current step passes its deadline, whoever
/// holds the step is reminded once — the enterprise's manager while it handles the complaint (and the city's
/// coordinator, who supervises it), the coordinator while it reviews, the unit while it confirms — in the inbox and by
/// e-mail, with a line in the complaint's history. Written in an amendment of the complaint's own flow, so a reminder
/// and its record commit together, and a step is never reminded of twice (the deadline reminded of is stored).
/// </summary>
public sealed class ComplaintReminderService(ICaseDirectory cases, ITicketRepository complaints, WorkflowRuntime runtime, INotificationTexts texts)
{
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var sent = 0;
        foreach (var overdue in await cases.OverdueComplaintsAsync(runtime.Clock.GetUtcNow(), 100, ct))
        {
            var done = await runtime.AmendAsync(overdue.InstanceId, "system", "complaint reminder", async amendment =>
            {
                var c = await complaints.FindComplaintByInstanceAsync(overdue.InstanceId, ct);
                if (c is null || c.Status == ComplaintStatus.Closed || c.StepDueAt is not { } due || due >= amendment.Now || c.RemindedFor == due) return false;
                string[] roles = c.Status switch
                {
                    ComplaintStatus.Handling => [Roles.EnterpriseManager, Roles.MunicipalCoordinator],
                    ComplaintStatus.Confirming => [Roles.ProcurementUser],
                    _ => [Roles.MunicipalCoordinator],
                };
                var stepZh = ComplaintStatus.NamesZh.GetValueOrDefault(c.Status, c.Status);
                var words = new Notification().WithText("ComplaintReminder", new Dictionary<string, string>
                {
                    ["number"] = c.Number, ["step"] = "@ComplaintStatus." + c.Status, ["unit"] = c.ProcurementUnit ?? "", ["description"] = c.Description,
                    ["due"] = due.ToChina().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                }, texts);
                foreach (var role in roles)
                    foreach (var channel in new[] { "inbox", "email" })
                    {
                        var note = words.To(null, role, channel);
                        (note.Id, note.InstanceId, note.ActivityId, note.CreatedAt) = (Guid.CreateVersion7(amendment.Now), c.InstanceId, "(reminder)", amendment.Now);
                        amendment.StageInsert(note);
                    }
                amendment.Change(c, "reminder",
                    $"催办：{stepZh}已超过办理时限（{due.ToChina():MM-dd HH:mm}），已提醒{string.Join("、", roles.Select(r => Roles.NamesZh.GetValueOrDefault(r, r)))}",
                    complaint => complaint.RemindedFor = due);
                return true;
            }, ct);
            if (done) sent++;
        }
        return sent;
    }
}
