using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>The in-memory scope check answers exactly as the query rule the stores apply.</summary>
public class CaseScopeTests
{
    private static readonly Guid EnterpriseA = Guid.NewGuid(), EnterpriseB = Guid.NewGuid(), UnitA = Guid.NewGuid(), UnitB = Guid.NewGuid();

    public static IEnumerable<object[]> Scopes() =>
    [
        [new CaseScope(All: true)],
        [new CaseScope(City: "450100")],
        [new CaseScope(Enterprise: EnterpriseA)],
        [new CaseScope(Enterprise: EnterpriseA, User: "tech")],
        [new CaseScope(TechnicianUser: "tech")],
        [new CaseScope(Unit: UnitA, User: "unit")],
        [new CaseScope(User: "caller")],
        [new CaseScope()],
    ];

    [Theory]
    [MemberData(nameof(Scopes))]
    public void Allows_AnswersAsTheQueryRule(CaseScope scope)
    {
        var tickets = (
            from city in new[] { "450100", "450200" }
            from integrator in new Guid?[] { EnterpriseA, EnterpriseB, null }
            from vendor in new Guid?[] { EnterpriseA, EnterpriseB, null }
            from tech in new[] { "tech", "other", null }
            from unit in new Guid?[] { UnitA, UnitB, null }
            from creator in new[] { "unit", "caller", null }
            select new Ticket { CityCode = city, IntegratorId = integrator, VendorId = vendor, TechnicianUser = tech, ProcurementUnitId = unit, CreatedBy = creator })
            .ToList();
        var rule = scope.TicketRule().Compile();

        var allowed = tickets.Count(scope.Allows);
        Assert.All(tickets, t => Assert.Equal(rule(t), scope.Allows(t)));
        Assert.InRange(allowed, scope == new CaseScope() ? 0 : 1, tickets.Count);
    }
}
