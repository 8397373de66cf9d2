using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Domain.Dispatch;

/// <summary>The outcome of dispatch with its explanation (DSP-3, BEY-3).</summary>
public sealed record DispatchDecision(
    Technician? Chosen,
    ServicePoint? ServicePoint,
    Proximity? Proximity,
    double? DistanceKm,
    string RuleZh,
    string RuleEn,
    IReadOnlyList<Rejection> Rejected,
    IReadOnlyList<string> RankingZh)
{
    public bool Dispatched => Chosen is not null;
}
