using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using XinchuangFlow.Web.Components.Pages;
using XinchuangFlow.Web.Components.Pages.Assessment;
using XinchuangFlow.Web.Components.Pages.Audit;
using XinchuangFlow.Web.Components.Pages.Field;
using XinchuangFlow.Web.Components.Pages.Hotline;
using InboxPage = XinchuangFlow.Web.Components.Pages.Inbox.Inbox;
using XinchuangFlow.Web.Components.Pages.Instances;
using XinchuangFlow.Web.Components.Pages.Knowledge;
using XinchuangFlow.Web.Components.Pages.Mailbox;
using XinchuangFlow.Web.Components.Pages.Network;
using XinchuangFlow.Web.Components.Pages.Notifications;
using XinchuangFlow.Web.Components.Pages.Portal;
using XinchuangFlow.Web.Components.Pages.Rules;
using XinchuangFlow.Web.Components.Pages.Supervision;
using XinchuangFlow.Web.Components.Pages.Users;
using XinchuangFlow.Web.Components.Pages.Workflows;

namespace XinchuangFlow.Web.Components.Layout;

/// <summary>The drawer's links, in their order. Who sees which is not said here: each page's attribute says it.</summary>
public static class MainMenu
{
    public static readonly IReadOnlyList<MenuEntry> Entries =
    [
        new(typeof(Home), "/", Icons.Material.Filled.Home, "Home", NavLinkMatch.All),
        new(typeof(InboxPage), "/inbox", Icons.Material.Filled.Inbox, "Inbox"),
        new(typeof(MySettings), "/me", Icons.Material.Filled.NotificationsActive, "Me.Nav"),
        new(typeof(PortalHome), "/portal", Icons.Material.Filled.SupportAgent, "Portal.Nav"),
        new(typeof(HotlineDesk), "/hotline", Icons.Material.Filled.HeadsetMic, "Hotline.Nav"),
        new(typeof(ServiceMailbox), "/mailbox", Icons.Material.Filled.MarkEmailUnread, "Mailbox.Nav"),
        new(typeof(KnowledgeBase), "/knowledge", Icons.Material.Filled.MenuBook, "Knowledge.Nav"),
        new(typeof(RulesOverview), "/rules", Icons.Material.Filled.Rule, "Rules.Nav"),
        new(typeof(XinchuangFlow.Web.Components.Pages.Dashboard.ServiceDashboard), "/dashboard", Icons.Material.Filled.Dashboard, "Dashboard.Nav"),
        new(typeof(ServiceIndicators), "/kpis", Icons.Material.Filled.Insights, "Kpi.Nav"),
        new(typeof(AssessmentRounds), "/assessment", Icons.Material.Filled.Grading, "AssessmentRound.Nav"),
        new(typeof(SupervisionNotices), "/supervision", Icons.Material.Filled.Campaign, "Supervision.Nav"),
        new(typeof(XinchuangFlow.Web.Components.Pages.Network.NetworkOverview), "/network", Icons.Material.Filled.Hub, "Network.Nav"),
        new(typeof(CoveragePage), "/coverage", Icons.Material.Filled.Map, "Coverage.Nav"),
        new(typeof(LiaisonsPage), "/liaisons", Icons.Material.Filled.ContactPhone, "Liaison.Nav"),
        new(typeof(BuildOutList), "/buildout", Icons.Material.Filled.Checklist, "BuildOut.Nav"),
        new(typeof(MyTickets), "/m", Icons.Material.Filled.PhoneAndroid, "Field.Title"),
        new(typeof(Workflows), "/workflows", Icons.Material.Filled.AccountTree, "Workflows"),
        new(typeof(Instances), "/instances", Icons.Material.Filled.PlaylistPlay, "Instances"),
        new(typeof(DeliveryLog), "/notifications", Icons.Material.Filled.Outbox, "Delivery.Nav"),
        new(typeof(Platforms), "/platforms", Icons.Material.Filled.VpnKey, "Platforms.Nav"),
        new(typeof(UserAdmin), "/users", Icons.Material.Filled.ManageAccounts, "Users.Nav"),
        new(typeof(AuditTrail), "/audit", Icons.Material.Filled.Policy, "Audit.Nav"),
    ];
}
