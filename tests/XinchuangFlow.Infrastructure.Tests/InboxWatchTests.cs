using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// PERF-3: which task changes reload whose live inbox. The watch asks what the inbox's widest view (All) would list —
/// the user's own tasks, tasks on cases in their scope, tasks offered to their role on flows without a case — and the
/// instances it shows; everything else leaves the inbox alone.
/// </summary>
public sealed class InboxWatchTests
{
    private static readonly Guid Enterprise = Guid.NewGuid();
    private static readonly Guid OtherEnterprise = Guid.NewGuid();

    private static Ticket TicketIn(string city, Guid? integrator = null, string? technician = null) =>
        new() { Id = Guid.NewGuid(), InstanceId = Guid.NewGuid(), CityCode = city, IntegratorId = integrator, TechnicianUser = technician, Number = "GX-" + city };

    private static ChangedTask On(Ticket t, string? role = "Dispatcher", string? user = null, string? claimedBy = null) =>
        new(Guid.NewGuid(), t.InstanceId, user, role, claimedBy, false, Ticket: t);

    private static readonly InboxWatch Nanning = new(new InboxAudience("nanning@x", ["MunicipalCoordinator"], new CaseScope(City: "4501"), false));
    private static readonly InboxWatch Liuzhou = new(new InboxAudience("liuzhou@x", ["MunicipalCoordinator"], new CaseScope(City: "4502"), false));
    private static readonly InboxWatch Integrator = new(new InboxAudience("disp@ent", ["Dispatcher"], new CaseScope(Enterprise: Enterprise), false));
    private static readonly InboxWatch Technician = new(new InboxAudience("tech@ent", ["Technician"], new CaseScope(TechnicianUser: "tech@ent"), false));
    private static readonly InboxWatch Admin = new(new InboxAudience("admin@x", ["WorkflowAdmin"], new CaseScope(All: true), true));

    [Fact]
    public void ATicketsTask_ConcernsWhoeverHasTheTicketInScope_AndNobodyElse()
    {
        var nanningTicket = On(TicketIn("4501", Enterprise, "tech@ent"));
        Assert.True(Nanning.Concerns(nanningTicket));
        Assert.False(Liuzhou.Concerns(nanningTicket));
        Assert.True(Integrator.Concerns(nanningTicket));
        Assert.True(Technician.Concerns(nanningTicket));
        Assert.True(Admin.Concerns(nanningTicket));

        var otherEnterprises = On(TicketIn("4502", OtherEnterprise, "someone@else"));
        Assert.False(Nanning.Concerns(otherEnterprises));
        Assert.True(Liuzhou.Concerns(otherEnterprises));
        Assert.False(Integrator.Concerns(otherEnterprises));   // same role, another enterprise's case
        Assert.False(Technician.Concerns(otherEnterprises));
    }

    [Fact]
    public void AUsersOwnTask_ConcernsThemWhereverItsCaseIs_AndARolesTaskWithoutACase_TheRolesHolders()
    {
        var elsewhere = TicketIn("4503", OtherEnterprise);
        Assert.True(Liuzhou.Concerns(On(elsewhere, role: null, user: "liuzhou@x")));      // named: theirs, whatever the case
        Assert.True(Liuzhou.Concerns(On(elsewhere, role: "Dispatcher", claimedBy: "liuzhou@x")));

        var noCase = new ChangedTask(Guid.NewGuid(), Guid.NewGuid(), null, "Dispatcher", null, InChildFlow: false);
        Assert.True(Integrator.Concerns(noCase));
        Assert.False(Nanning.Concerns(noCase));
        // A sub-flow's task without a case of its own is not offered to the role (as in the inbox's query).
        Assert.False(Integrator.Concerns(noCase with { InChildFlow = true }));
    }

    [Fact]
    public void ABatch_ConcernsAnInboxShowingOneOfItsInstances_EvenWhenTheTaskHasLeftItsScope()
    {
        var liuzhouTicket = TicketIn("4502");
        var batch = new TaskChangeBatch([liuzhouTicket.InstanceId], [On(liuzhouTicket)]);
        Assert.False(Nanning.Concerns(batch, new HashSet<Guid>()));
        Assert.True(Nanning.Concerns(batch, new HashSet<Guid> { liuzhouTicket.InstanceId }));   // a row on its page: reload to drop it
        Assert.True(Nanning.Concerns(batch with { Tasks = [], Unknown = true }, new HashSet<Guid>()));   // unread: reload, as before
        Assert.True(Liuzhou.Concerns(batch, new HashSet<Guid>()));
    }
}
