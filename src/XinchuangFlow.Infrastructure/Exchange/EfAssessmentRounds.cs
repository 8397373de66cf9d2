using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Exchange;

/// <summary>The assessment rounds and results on EF Core.</summary>
public sealed class EfAssessmentRounds(IDbContextFactory<XfDbContext> factory) : IAssessmentRounds
{
    public async Task<AssessmentRound?> OpenRoundAsync(string quarter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AssessmentRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Quarter == quarter && r.Status == AssessmentRoundStatus.Open, ct);
    }

    public async Task<int> LastRevisionAsync(string quarter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AssessmentRounds.Where(r => r.Quarter == quarter).MaxAsync(r => (int?)r.Revision, ct) ?? 0;
    }

    public async Task<AssessmentRound?> FindRoundAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AssessmentRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    public async Task<AssessmentRound?> RoundOfInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AssessmentRounds.AsNoTracking().FirstOrDefaultAsync(r => r.InstanceId == instanceId, ct);
    }

    public async Task<IReadOnlyList<AssessmentRound>> RoundsAsync(bool publishedOnly, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.AssessmentRounds.AsNoTracking();
        if (publishedOnly) q = q.Where(r => r.Status != AssessmentRoundStatus.Open);
        return await q.OrderByDescending(r => r.Quarter).ThenByDescending(r => r.Revision).Take(200).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<AssessmentResult>> ResultsAsync(Guid roundId, Guid? enterpriseId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.AssessmentResults.AsNoTracking().Where(r => r.RoundId == roundId);
        if (enterpriseId is { } e) q = q.Where(r => r.EnterpriseId == e);
        return (await q.ToListAsync(ct)).OrderBy(r => r.EnterpriseName, StringComparer.Ordinal).ToList();
    }

    public async Task<AssessmentResult?> FindResultAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AssessmentResults.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    public async Task<AssessmentResult?> ResultOfInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AssessmentResults.AsNoTracking().FirstOrDefaultAsync(r => r.InstanceId == instanceId, ct);
    }

    public async Task<IReadOnlyList<AssessmentResult>> PublishedResultsOfAsync(Guid enterpriseId, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from r in db.AssessmentResults.AsNoTracking()
                      join round in db.AssessmentRounds.AsNoTracking() on r.RoundId equals round.Id
                      where r.EnterpriseId == enterpriseId && round.Status == AssessmentRoundStatus.Published
                      orderby r.Quarter descending
                      select r).Take(take).ToListAsync(ct);
    }

    public async Task<AssessmentRound?> PublishedRoundAsync(string quarter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AssessmentRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Quarter == quarter && r.Status == AssessmentRoundStatus.Published, ct);
    }
}
