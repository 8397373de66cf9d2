using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Application.Assessment;

/// <summary>One enterprise's quarter scored by the model in force, and by a proposed model when one is being tried.</summary>
public sealed record AssessmentWhatIfRow(string EnterpriseKey, AssessmentScore Current, AssessmentScore Proposed);

/// <summary>The scores of a quarter (ASM-2): each enterprise in the caller's scope, scored by a model.</summary>
public sealed record AssessmentSheet(KpiReport Report, IReadOnlyList<AssessmentScore> Scores);

/// <summary>
/// The quarterly assessment (ASM-2): the model in force (a regional rule set the Data Bureau edits on the rules pages,
/// with its history), a quarter's scores per enterprise from the service indicators, and the what-if of a proposed model
/// on a past quarter. Who sees which enterprises is the indicators' scope (the access service's), so an enterprise sees
/// its own score and how it was made.
/// </summary>
public sealed class AssessmentService(KpiService kpis, RuleBook rules)
{
    /// <summary>The model in force.</summary>
    public async Task<AssessmentModel> ModelAsync(CancellationToken ct = default) => (await rules.GetAsync<AssessmentModel>(RuleKinds.Assessment, null, ct)).Rules;

    /// <summary>A quarter's enterprises scored by the model in force (or <paramref name="model"/>), within what the caller may see.</summary>
    public async Task<AssessmentSheet> ScoreAsync(Actor actor, string quarter, AssessmentModel? model = null, Guid? enterpriseId = null, CancellationToken ct = default)
    {
        var report = await kpis.ReportAsync(actor, quarter, null, null, enterpriseId, null, ct);
        model ??= await ModelAsync(ct);
        return new AssessmentSheet(report, Score(model, report));
    }

    /// <summary>
    /// What a proposed model (its JSON, as the editor holds it) would make of a past quarter, beside the model in force:
    /// every enterprise's score and grade both ways. A proposed model that does not hold is a 400 naming every problem.
    /// </summary>
    public async Task<IReadOnlyList<AssessmentWhatIfRow>> WhatIfAsync(Actor actor, string quarter, string proposedJson, CancellationToken ct = default)
    {
        AssessmentModel proposed;
        try { proposed = AssessmentModel.Parse(proposedJson); }
        catch (InvalidDataException ex) { throw new InvalidInputException(DocumentProblems.Of(ex, "model")); }
        catch (System.Text.Json.JsonException ex) { throw new InvalidInputException(Problem.Of(RuleProblems.NotJson, "model", ex.Message)); }
        var report = await kpis.ReportAsync(actor, quarter, null, null, null, null, ct);
        var current = Score(await ModelAsync(ct), report).ToDictionary(s => s.Key);
        return Score(proposed, report).Select(p => new AssessmentWhatIfRow(p.Key, current[p.Key], p)).ToList();
    }

    private static List<AssessmentScore> Score(AssessmentModel model, KpiReport report) =>
        report.Groups.Where(g => g.Dimension == KpiCalculator.ByEnterprise).Select(g => AssessmentScorer.Score(model, g)).ToList();
}
