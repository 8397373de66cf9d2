using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Application.Rules;

/// <summary>Named people of escalation levels who are not users of the platform (a notification to them would go nowhere).</summary>
public sealed class UnknownUsersCheck(IUserDirectory users) : IRuleKindCheck
{
    public string Kind => RuleKinds.Escalation;

    public async Task<IReadOnlyList<Problem>> ProblemsAsync(IRuleKind kind, JsonObject document, CancellationToken ct)
    {
        var unknown = new List<Problem>();
        foreach (var (path, u) in UnknownServicePointsCheck.Named(kind, document, RuleValueType.UserList).DistinctBy(n => n.Value))
            if (await users.FindAsync(u, ct) is null) unknown.Add(Problem.Of(RuleProblems.UnknownUser, path, $"'{u}' is not a user of the platform.", ("value", u)));
        return unknown;
    }
}
