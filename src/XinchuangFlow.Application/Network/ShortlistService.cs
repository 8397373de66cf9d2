using System.Text.Json;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Network;

/// <summary>Where shortlist decisions are kept (the database layer implements it).</summary>
public interface IShortlistStore
{
    /// <summary>Writes the decision and the enterprise's new status in one transaction, only while its status is still <paramref name="expected"/>.</summary>
    Task<bool> ApplyAsync(ShortlistDecision decision, ShortlistStatus expected, CancellationToken ct = default);
    /// <summary>Decisions newest first; one enterprise's when given.</summary>
    Task<IReadOnlyList<ShortlistDecision>> DecisionsAsync(Guid? enterpriseId, int take, CancellationToken ct = default);
}

/// <summary>An integrator on the shortlist with its newest decision.</summary>
public sealed record ShortlistRow(Enterprise Enterprise, ShortlistDecision? Latest);

/// <summary>Problem codes of shortlist decisions.</summary>
[ProblemCodes]
public static class ShortlistProblems
{
    /// <summary>Arguments: field (reason): a decision needs its reason.</summary>
    public const string Reason = "shortlist-reason";
    /// <summary>Arguments: action, status: the decision does not apply to an enterprise in this status (restore an active one).</summary>
    public const string NotApplicable = "shortlist-not-applicable";
}

/// <summary>
/// An enterprise's place on the shortlist (ASM-3): the Data Bureau suspends an enterprise from dispatch or restores it
/// after rectification, with a reason, every decision kept and audited; the interview after an assessment records its
/// decision the same way (<c>xf.assessment.ShortlistDecision</c>). A suspended enterprise gets no new dispatch (the
/// dispatch planner reads the status). Who reads the decisions: whoever sees the enterprise.
/// </summary>
public sealed class ShortlistService(INetworkRepository network, IShortlistStore store, AccessService access, IAuditLog audit, TimeProvider clock)
{
    public const string AuditKind = "enterprise";

    public async Task<ShortlistDecision> DecideAsync(Actor actor, Guid enterpriseId, string? action, string? reason, CancellationToken ct = default)
    {
        if (!access.MayRunAssessment(actor))
            throw access.Denied(actor, "change an enterprise's place on the shortlist", "The Data Bureau suspends and restores enterprises.");
        var enterprise = await network.FindEnterpriseAsync(enterpriseId, ct) ?? throw access.NotFound(actor, "enterprise", enterpriseId);
        if (!TextRules.HasVisibleText(reason ?? ""))
            throw new InvalidInputException(Problem.Of(ShortlistProblems.Reason, "reason", "A decision on the shortlist needs its reason."));
        var text = reason!.Trim();
        if (text.Length > 2000) text = text[..2000];
        if (action is not (ShortlistActions.Suspend or ShortlistActions.Restore or ShortlistActions.Remove)
            || ShortlistDecision.Make(enterprise, action, text, null, clock.GetUtcNow(), actor.UserName) is not { } made)
            throw new StateConflictException(Problem.Of(ShortlistProblems.NotApplicable, "action", $"{action} does not apply to an enterprise that is {enterprise.Status}.",
                ("action", action ?? ""), ("status", enterprise.Status.ToString())));
        if (!await store.ApplyAsync(made.Decision, enterprise.Status, ct))
            throw new Engine.Runtime.ConcurrencyConflictException($"Enterprise {enterprise.Name} was changed at the same time; look again.");
        await audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = made.Decision.At, User = actor.UserName, EntityKind = AuditKind, EntityId = enterprise.Id.ToString(), Action = "shortlist-" + action,
            Before = JsonSerializer.Serialize(new { status = enterprise.Status.ToString() }),
            After = JsonSerializer.Serialize(new { status = made.After.Status.ToString(), reason = text }),
        }, ct);
        return made.Decision;
    }

    /// <summary>An enterprise's decisions, newest first; an enterprise the caller may not see is a logged 404.</summary>
    public async Task<IReadOnlyList<ShortlistDecision>> DecisionsAsync(Actor actor, Guid enterpriseId, CancellationToken ct = default)
    {
        if (!access.MaySeeEnterprise(actor, enterpriseId)) throw access.NotFound(actor, "enterprise", enterpriseId);
        return await store.DecisionsAsync(enterpriseId, 100, ct);
    }

    /// <summary>The enterprises the caller sees, with the newest decision of each.</summary>
    public async Task<IReadOnlyList<ShortlistRow>> OverviewAsync(Actor actor, CancellationToken ct = default)
    {
        var all = await network.EnterprisesAsync(ct);
        var seen = access.SeesAllEnterprises(actor) ? all : all.Where(e => e.Id == actor.EnterpriseId).ToList();
        var latest = (await store.DecisionsAsync(null, 1000, ct)).GroupBy(d => d.EnterpriseId).ToDictionary(g => g.Key, g => g.First());
        return seen.Where(e => e.Kind == EnterpriseKind.Integrator).OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => new ShortlistRow(e, latest.GetValueOrDefault(e.Id))).ToList();
    }
}
