using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Domain.Dispatch;

/// <summary>
/// The outcome of dispatch with its explanation (DSP-3, BEY-3): the chosen technician, the rule in both languages, each
/// technician not chosen with the reason, and every qualified technician in ranking order (<see cref="Ranked"/>, the
/// chosen one first) — what a dispatcher choosing by hand is offered.
/// </summary>
public sealed record DispatchDecision(
    Technician? Chosen,
    ServicePoint? ServicePoint,
    Proximity? Proximity,
    double? DistanceKm,
    string RuleZh,
    string RuleEn,
    IReadOnlyList<Rejection> Rejected,
    IReadOnlyList<string> RankingZh,
    IReadOnlyList<RankedTechnician> Ranked)
{
    public bool Dispatched => Chosen is not null;
}
