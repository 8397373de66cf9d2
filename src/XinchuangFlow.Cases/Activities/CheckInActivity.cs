using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>The technician arrives (or handles remotely): the on-site clock stops (SLA-1).</summary>
[Activity("xf.ticket.CheckIn", DomainCategories.Ticket, "到场签到", "Check in",
    DescriptionZh = "记录到场时间和位置（或远程处理），停止到场时钟并判定是否超时。",
    DescriptionEn = "Records arrival time and place (or remote handling), stops the on-site clock and judges the breach.")]
public sealed class CheckInActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("location", InputKind.String, "位置", "Location"),
            new InputDescriptor("remote", InputKind.Boolean, "远程处理", "Remote", Default: JsonValue.Create(false)),
            new InputDescriptor("latitude", InputKind.Number, "纬度", "Latitude"),
            new InputDescriptor("longitude", InputKind.Number, "经度", "Longitude"),
            new InputDescriptor("accuracy", InputKind.Number, "定位精度（米）", "Accuracy (m)"),
        ],
        ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        var remote = context.GetBool("remote");
        var location = (context.GetString("location") ?? "");
        ticket.CheckInAt = context.Now;
        ticket.CheckInLocation = location.Length > 200 ? location[..200] : location;
        ticket.RemoteHandled = remote;
        // The browser's position when the technician allowed it; anything impossible is not stored.
        var (lat, lon, accuracy) = (context.GetNumber("latitude"), context.GetNumber("longitude"), context.GetNumber("accuracy"));
        if (!remote && lat is >= -90 and <= 90 && lon is >= -180 and <= 180)
        {
            ticket.CheckInLatitude = lat;
            ticket.CheckInLongitude = lon;
            ticket.CheckInAccuracy = accuracy is >= 0 and < 1_000_000 ? accuracy : null;
        }
        CaseSession.SetStatus(context, ticket, remote ? TicketStatus.Remote : TicketStatus.OnSite,
            remote ? "远程处理" : $"到场签到{(location.Length > 0 ? "：" + ticket.CheckInLocation : "")}",
            new JsonObject
            {
                ["at"] = context.Now.ToString("O"), ["location"] = ticket.CheckInLocation, ["remote"] = remote,
                ["latitude"] = ticket.CheckInLatitude, ["longitude"] = ticket.CheckInLongitude, ["accuracy"] = ticket.CheckInAccuracy,
            }, "check-in");
        await StopClockActivity.StopAsync(context, cases, ticket, ClockKind.OnSite);
        return ActivityResult.Done("done");
    }
}
