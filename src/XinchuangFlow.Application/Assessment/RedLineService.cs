using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Assessment;

/// <summary>Where red-line alerts are kept (the database layer implements it).</summary>
public interface IRedLineStore
{
    /// <summary>The alerts still open (not recovered).</summary>
    Task<IReadOnlyList<RedLineAlert>> OpenAsync(CancellationToken ct = default);
    /// <summary>Stores a new alert and its notifications in one transaction.</summary>
    Task RaiseAsync(RedLineAlert alert, IReadOnlyList<Notification> notifications, CancellationToken ct = default);
    Task RecoverAsync(Guid id, DateTimeOffset at, CancellationToken ct = default);
    /// <summary>Alerts newest first, one enterprise's when given.</summary>
    Task<IReadOnlyList<RedLineAlert>> ListAsync(Guid? enterpriseId, int take, CancellationToken ct = default);
}

/// <summary>
/// The satisfaction red line, watched (ASM-5): every few minutes each enterprise's share of satisfied ratings over the
/// quarter so far and over the model's rolling days is checked against the model's line (with its least number of
/// ratings). Crossing it raises one alert — the Data Bureau and the enterprise's managers are told in the inbox and by
/// e-mail — and the alert stays open, without repeating, until the enterprise is back above the line (or the quarter
/// ends); a new crossing is a new alert.
/// </summary>
public sealed class RedLineService(IKpiSource source, RuleBook rules, IRedLineStore store, IUserDirectory users, INetworkRepository network, AccessService access,
    TimeProvider clock, INotificationTexts texts)
{
    /// <summary>Checks both windows; returns the alerts raised and recovered.</summary>
    public async Task<(int Raised, int Recovered)> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var model = (await rules.GetAsync<AssessmentModel>(RuleKinds.Assessment, null, ct)).Rules;
        var (year, q) = AssessmentPeriod.QuarterOf(now);
        var quarter = AssessmentPeriod.Quarter(year, q);
        var names = (await network.EnterprisesAsync(ct)).ToDictionary(e => e.Id, e => e.Name);
        var open = (await store.OpenAsync(ct)).ToList();
        int raised = 0, recovered = 0;
        foreach (var (window, period, from) in new[]
                 {
                     (RedLineWindows.Quarter, AssessmentPeriod.Name(year, q), quarter.From),
                     (RedLineWindows.Rolling, RedLineWindows.RollingPeriod(model.RedLineRollingDays), now.AddDays(-Math.Max(1, model.RedLineRollingDays))),
                 })
        {
            var groups = KpiCalculator.Compute(await source.CasesAsync(new KpiScope(), from, now, ct), new KpiOptions(now, KpiOptions.DefaultComplaintClosure))
                .Where(g => g.Dimension == KpiCalculator.ByEnterprise).ToDictionary(g => Guid.Parse(g.Key));
            foreach (var alert in open.Where(a => a.Window == window))
            {
                // Back above the line, no ratings left in the window, or the quarter it was raised in has ended.
                var stillBelow = alert.Period == period && groups.TryGetValue(alert.EnterpriseId, out var g) && RedLine.Below(g.Figures.GetValueOrDefault(Kpis.Satisfied), model);
                if (stillBelow) continue;
                await store.RecoverAsync(alert.Id, now, ct);
                recovered++;
            }
            foreach (var (enterprise, group) in groups)
            {
                var satisfied = group.Figures.GetValueOrDefault(Kpis.Satisfied);
                if (!RedLine.Below(satisfied, model) || open.Any(a => a.Window == window && a.Period == period && a.EnterpriseId == enterprise)) continue;
                var alert = new RedLineAlert
                {
                    Id = Guid.CreateVersion7(now), EnterpriseId = enterprise, EnterpriseName = names.GetValueOrDefault(enterprise, ""), Window = window, Period = period,
                    Satisfied = satisfied!.Value!.Value, Ratings = satisfied.Denominator, Line = model.SatisfactionRedLine, CrossedAt = now,
                };
                await store.RaiseAsync(alert, await NotificationsAsync(alert, model, ct), ct);
                raised++;
            }
        }
        return (raised, recovered);
    }

    /// <summary>The alert told to the Data Bureau and to the enterprise's managers, in the inbox and by e-mail.</summary>
    private async Task<IReadOnlyList<Notification>> NotificationsAsync(RedLineAlert alert, AssessmentModel model, CancellationToken ct)
    {
        var managers = await users.TeamAsync(Roles.EnterpriseManager, alert.EnterpriseId, null, null, 50, ct);
        var quarter = alert.Window == RedLineWindows.Quarter;
        var args = new Dictionary<string, string>
        {
            ["enterprise"] = alert.EnterpriseName, ["satisfied"] = alert.Satisfied.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
            ["line"] = alert.Line.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), ["ratings"] = alert.Ratings.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["year"] = quarter ? alert.Period[..4] : "", ["q"] = quarter ? alert.Period[5..] : "", ["days"] = model.RedLineRollingDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var key = quarter ? "RedLineQuarter" : "RedLineRolling";
        var words = new Notification().WithText(key, args, texts);
        Notification To(string? user, string? role, string channel)
        {
            var n = words.To(user, role, channel);
            (n.Id, n.ActivityId, n.CreatedAt) = (Guid.CreateVersion7(alert.CrossedAt), "(red-line)", alert.CrossedAt);
            return n;
        }
        var list = new List<Notification>();
        foreach (var channel in new[] { "inbox", "email" })
        {
            list.Add(To(null, Roles.DataBureauAdmin, channel));
            list.AddRange(managers.Select(m => To(m.UserName, null, channel)));
        }
        return list;
    }

    /// <summary>The alerts a reader may see, newest first: the region's for the Data Bureau, the Intranet Office and the coordinators, an enterprise's own.</summary>
    public async Task<IReadOnlyList<RedLineAlert>> AlertsAsync(Actor actor, CancellationToken ct = default)
    {
        var reach = access.AssessmentReachOf(actor)
                    ?? throw access.Denied(actor, "read the red-line alerts", "The alerts are for the Data Bureau, the Intranet Office, the coordinators and the enterprises' managers.");
        return await store.ListAsync(reach.Enterprise, 50, ct);
    }
}
