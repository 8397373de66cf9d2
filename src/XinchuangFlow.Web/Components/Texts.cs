using System.Globalization;

namespace XinchuangFlow.Web.Components;

/// <summary>UI strings: Simplified Chinese by default, English when the UI culture is English.</summary>
public static class Texts
{
    private static readonly Dictionary<string, (string Zh, string En)> All = new()
    {
        ["AppName"] = ("信创服务保障平台", "XinchuangFlow service guarantee"),
        ["Home"] = ("首页", "Home"),
        ["Workflows"] = ("流程定义", "Workflow definitions"),
        ["Instances"] = ("流程实例", "Workflow instances"),
        ["Login"] = ("登录", "Sign in"),
        ["Logout"] = ("退出", "Sign out"),
        ["Email"] = ("邮箱", "E-mail"),
        ["Password"] = ("密码", "Password"),
        ["LoginInvalid"] = ("邮箱或密码不正确。", "Wrong e-mail or password."),
        ["LoginLocked"] = ("失败次数过多，账户已临时锁定。", "Too many failed attempts; the account is locked for a while."),
        ["Welcome"] = ("欢迎使用信创产品服务保障平台", "Welcome to the Xinchuang service-guarantee platform"),
        ["Definition"] = ("流程", "Definition"),
        ["Version"] = ("版本", "Version"),
        ["Status"] = ("状态", "Status"),
        ["Name"] = ("名称", "Name"),
        ["PublishedAt"] = ("发布时间", "Published"),
        ["Created"] = ("创建时间", "Created"),
        ["Draft"] = ("草稿", "Draft"),
        ["Published"] = ("已发布", "Published"),
        ["Retired"] = ("已停用", "Retired"),
        ["Running"] = ("运行中", "Running"),
        ["Waiting"] = ("等待中", "Waiting"),
        ["Finished"] = ("已完成", "Finished"),
        ["Faulted"] = ("故障", "Faulted"),
        ["Cancelled"] = ("已取消", "Cancelled"),
        ["Language"] = ("English", "中文"),
        ["Activities"] = ("活动类型", "Activity types"),
        ["None"] = ("暂无数据", "Nothing yet"),
        ["InstanceDetail"] = ("流程实例详情", "Instance"),
        ["Retry"] = ("重试", "Retry"),
        ["Cancel"] = ("取消实例", "Cancel instance"),
        ["ConfirmCancel"] = ("确定取消此实例？其待办任务将一并取消。", "Cancel this instance? Its open tasks are cancelled too."),
        ["Yes"] = ("确定", "Yes"),
        ["No"] = ("返回", "No"),
        ["Variables"] = ("变量", "Variables"),
        ["Tasks"] = ("任务", "Tasks"),
        ["Incidents"] = ("故障", "Incidents"),
        ["Journal"] = ("执行日志", "Journal"),
        ["Time"] = ("时间", "Time"),
        ["Kind"] = ("类型", "Kind"),
        ["Activity"] = ("活动", "Activity"),
        ["Outcome"] = ("结果", "Outcome"),
        ["User"] = ("用户", "User"),
        ["Message"] = ("信息", "Message"),
        ["Resolved"] = ("已处理", "Resolved"),
        ["Open"] = ("待处理", "Open"),
        ["Completed"] = ("已完成", "Completed"),
        ["Title"] = ("标题", "Title"),
        ["Assignee"] = ("处理人/角色", "Assignee / role"),
        ["AllStatuses"] = ("全部状态", "All statuses"),
        ["NotFound"] = ("未找到该实例。", "No such instance."),
        ["Retried"] = ("已重试，实例继续运行。", "Retried; the instance runs on."),
        ["CancelledOk"] = ("实例已取消。", "The instance was cancelled."),
        ["ActionFailed"] = ("操作失败：", "The action failed: "),
        ["InstanceStarted"] = ("实例启动", "Instance started"),
        ["ActivityExecuted"] = ("活动执行", "Activity executed"),
        ["ActivityWaiting"] = ("等待", "Waiting"),
        ["ActivityResumed"] = ("恢复执行", "Resumed"),
        ["VariableChanged"] = ("变量变更", "Variable changed"),
        ["TaskCompleted"] = ("任务完成", "Task completed"),
        ["Incident"] = ("故障", "Incident"),
        ["InstanceFinished"] = ("实例完成", "Instance finished"),
        ["InstanceCancelled"] = ("实例取消", "Instance cancelled"),
        ["InstanceMigrated"] = ("版本迁移", "Migrated"),
        ["Role.DataBureauAdmin"] = ("数据局管理员", "Data Bureau administrator"),
        ["Role.IntranetSupervisor"] = ("内网办监督员", "Intranet Office supervisor"),
        ["Role.MunicipalCoordinator"] = ("市级统筹协调单位", "Municipal coordinator"),
        ["Role.EnterpriseManager"] = ("企业服务经理", "Enterprise service manager"),
        ["Role.Dispatcher"] = ("调度员", "Dispatcher"),
        ["Role.Technician"] = ("服务工程师", "Technician"),
        ["Role.ProcurementUser"] = ("采购单位用户", "Procurement-unit user"),
        ["Role.VendorSupport"] = ("厂商技术支持", "Vendor support"),
    };

    /// <summary>A role's display name; an unknown role shows as it is.</summary>
    public static string Role(string role) => All.ContainsKey("Role." + role) ? Get("Role." + role) : role;

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Get(string key) =>
        All.TryGetValue(key, out var t) ? (IsEnglish ? t.En : t.Zh) : key;

    /// <summary>The culture the language link switches to.</summary>
    public static string OtherCulture => IsEnglish ? "zh-CN" : "en";
}
