namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>Records a notification in the burst's transaction; delivery adapters (inbox, e-mail, SMS) send it.</summary>
[Activity("xf.SendNotification", Categories.Integration, "发送通知", "Send notification", DescriptionZh = "记录一条通知（站内、邮件等渠道由投递适配器发送）。", DescriptionEn = "Records a notification (delivery adapters send it).")]
public sealed class SendNotificationActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            In.Of("toUser", InputKind.User, "接收人", "To user"),
            In.Of("toRole", InputKind.Role, "接收角色", "To role"),
            In.Of("channel", InputKind.String, "渠道", "Channel", expr: false, @default: System.Text.Json.Nodes.JsonValue.Create("inbox")),
            In.Of("subject", InputKind.String, "标题", "Subject", required: true),
            In.Of("body", InputKind.Text, "内容", "Body"),
        ],
        ["done"]);

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context)
    {
        var toUser = context.GetString("toUser");
        var toRole = context.GetString("toRole");
        if (string.IsNullOrWhiteSpace(toUser) && string.IsNullOrWhiteSpace(toRole))
            throw new Runtime.ActivityInputException(context.Activity.Id, "toUser", "a notification needs a user or a role to go to");
        context.Notify(new Runtime.Notification
        {
            ToUser = toUser,
            ToRole = toRole,
            Channel = context.GetString("channel") ?? "inbox",
            Subject = context.GetString("subject") ?? "",
            Body = context.GetString("body"),
        });
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}
