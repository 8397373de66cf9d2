using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>The integrator asks the product vendor for help (vendor-support subtask); the resolution clock waits.</summary>
[Activity("xf.ticket.RequestVendorSupport", DomainCategories.Ticket, "申请厂商支持", "Request vendor support",
    DescriptionZh = "请产品供应商协同处理：按工单的产品厂商选择供应商，解决时钟暂停等待厂商。",
    DescriptionEn = "Asks the product vendor to help: chosen by the ticket's product vendor; the resolution clock pauses meanwhile.")]
public sealed class RequestVendorSupportActivity(CaseSession cases, INetworkRepository network) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("vendorId", InputKind.String, "供应商", "Vendor"),
            new InputDescriptor("note", InputKind.Text, "需求说明", "What is needed"),
            new InputDescriptor("resultVariable", InputKind.VariableName, "供应商存入变量", "Store vendor in", ExpressionAllowed: false),
        ],
        ["requested", "noVendor"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        var vendors = (await network.EnterprisesAsync()).Where(e => e.Kind == EnterpriseKind.ProductVendor && e.Status == ShortlistStatus.Active).ToList();
        var wanted = context.GetString("vendorId");
        var vendor = Guid.TryParse(wanted, out var id) ? vendors.FirstOrDefault(v => v.Id == id)
            : vendors.FirstOrDefault(v => ticket.ProductVendor is { Length: > 1 } pv && (v.Name.Contains(pv, StringComparison.OrdinalIgnoreCase) || pv.Contains(v.Name.Split('（')[0], StringComparison.OrdinalIgnoreCase)))
              ?? vendors.OrderBy(v => v.Name, StringComparer.Ordinal).FirstOrDefault();
        if (vendor is null)
        {
            context.Record(ticket, "vendor-none", "没有可协同的有效产品供应商", bySystem: true);
            return ActivityResult.Done("noVendor");
        }
        ticket.VendorId = vendor.Id;
        var (rules, _) = await cases.SlaAsync(ticket);
        var clock = ticket.Clocks().Resolution;
        if (clock.State == ClockState.Running)
        {
            clock.Pause(context.Now, rules.WorkingCalendar);
            CaseSession.ClockEvent(context, ticket, clock, "pause", rules.WorkingCalendar, "等待厂商支持");
            context.RaiseLocalSignal(SlaCategory.Signal(ClockKind.Resolution));
        }
        CaseSession.SetStatus(context, ticket, TicketStatus.VendorSupport, $"申请{vendor.Name}协同：{context.GetString("note")}",
            new JsonObject { ["vendor"] = vendor.Name, ["note"] = context.GetString("note") }, kind: "vendor-requested");
        if (context.GetString("resultVariable") is { Length: > 0 } variable)
            context.SetVariable(variable, new JsonObject { ["id"] = vendor.Id.ToString(), ["name"] = vendor.Name });
        return ActivityResult.Done("requested");
    }
}
