using System.Linq.Expressions;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tasks;

/// <summary>
/// A task with its case, as the inbox decides on it: the ticket, complaint, assessment result or supervision notice of its
/// instance (none for a flow without a case), and whether its flow is a sub-flow. The store fills it in SQL for the
/// inbox's query; the live feed fills it in memory for a batch of changed tasks.
/// </summary>
public sealed class InboxCase
{
    public HumanTask Task { get; init; } = null!;
    public Ticket? Ticket { get; init; }
    public Complaint? Complaint { get; init; }
    public AssessmentResult? Assessment { get; init; }
    public SupervisionNotice? Notice { get; init; }
    /// <summary>
    /// The result an interview's task is about (ASM-3): named and linked like a case, but no scope reaches the task
    /// through it — the interview is the Data Bureau's, not the enterprise's.
    /// </summary>
    public AssessmentResult? Interview { get; init; }
    /// <summary>The task's instance has a parent: a sub-flow's task without a case of its own is not offered to a role.</summary>
    public bool InChildFlow { get; init; }
}

/// <summary>
/// Which tasks of an inbox view an audience may see — one expression, translated to SQL by the inbox's query and compiled
/// for the live inboxes' watch (<see cref="InboxWatch"/>), so the two cannot disagree. Mine: assigned to or claimed by
/// them. Team: offered to one of their roles on a case in their scope (or a flow without a case), claimed by nobody and not
/// theirs already. All: every task on a case in their scope, plus their own and their role's. Overdue: the rows of All
/// (the deadline is applied on the rows).
/// </summary>
public static class InboxVisibility
{
    public static Expression<Func<InboxCase, bool>> Of(InboxAudience who, InboxView view)
    {
        var user = who.User;
        var roles = who.Roles.ToList();
        Expression<Func<InboxCase, bool>> mine = x => user != null && (x.Task.AssigneeUser == user || x.Task.ClaimedBy == user);
        if (view == InboxView.Mine) return mine;
        Expression<Func<InboxCase, bool>> role = x => x.Task.AssigneeRole != null && roles.Contains(x.Task.AssigneeRole);
        // Offered to the role and claimed by nobody: the user may take it (AccessService.MayTake), even when the flow also
        // named a person (a unit's rating goes to whoever filed the request and to every user of the unit) — else the
        // portal would ask for a rating the inbox does not count. The named person has it under Mine, not twice.
        Expression<Func<InboxCase, bool>> free = x => x.Task.ClaimedBy == null && (x.Task.AssigneeUser == null || user == null || x.Task.AssigneeUser != user);
        if (who.Everything) return view == InboxView.Team ? And(free, role) : x => true;
        var inScope = Or(Or(Or(On(who.Scope.TicketRule(), x => x.Ticket), On(who.Scope.ComplaintRule(), x => x.Complaint)), On(who.Scope.AssessmentRule(), x => x.Assessment)),
            On(who.Scope.SupervisionRule(), x => x.Notice));
        // A task of a flow with no case (nor a parent that has one) goes to every holder of its role.
        Expression<Func<InboxCase, bool>> noCase = x => x.Ticket == null && x.Complaint == null && x.Assessment == null && x.Notice == null && !x.InChildFlow;
        var offered = And(role, Or(inScope, noCase));
        return view switch
        {
            InboxView.Team => And(free, offered),
            _ => Or(Or(mine, offered), inScope),
        };
    }

    /// <summary>The rule's body over another row (to put it into a projection beside other columns).</summary>
    public static Expression Inline(Expression<Func<InboxCase, bool>> rule, ParameterExpression row) => new Rebind(rule.Parameters[0], row).Visit(rule.Body);

    /// <summary>A rule on a ticket (or complaint …) applied to the row's joined one: false when the row has none.</summary>
    private static Expression<Func<InboxCase, bool>> On<T>(Expression<Func<T, bool>> rule, Expression<Func<InboxCase, T?>> member) where T : class
    {
        var row = member.Parameters[0];
        var target = member.Body;
        var body = new Rebind(rule.Parameters[0], target).Visit(rule.Body);
        return Expression.Lambda<Func<InboxCase, bool>>(Expression.AndAlso(Expression.NotEqual(target, Expression.Constant(null, typeof(T))), body), row);
    }

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) => Combine(a, b, Expression.OrElse);
    private static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) => Combine(a, b, Expression.AndAlso);

    private static Expression<Func<T, bool>> Combine<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b, Func<Expression, Expression, BinaryExpression> op)
    {
        var row = a.Parameters[0];
        return Expression.Lambda<Func<T, bool>>(op(a.Body, new Rebind(b.Parameters[0], row).Visit(b.Body)), row);
    }

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
