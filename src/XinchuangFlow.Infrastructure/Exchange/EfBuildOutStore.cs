using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Exchange;

/// <summary>Build-out evaluations (ASM-4) on EF Core, and the figures the measured items read.</summary>
public sealed class EfBuildOutStore(IDbContextFactory<XfDbContext> factory) : IBuildOutStore
{
    public async Task<BuildOutEvaluation?> LatestAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.BuildOutEvaluations.AsNoTracking().Where(e => e.EnterpriseId == enterpriseId).OrderByDescending(e => e.Round).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<BuildOutEvaluation>> LatestOfAllAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var all = await db.BuildOutEvaluations.AsNoTracking().ToListAsync(ct);
        return all.GroupBy(e => e.EnterpriseId).Select(g => g.MaxBy(e => e.Round)!).ToList();
    }

    public async Task<IReadOnlyList<BuildOutItem>> ItemsAsync(Guid evaluationId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.BuildOutItems.AsNoTracking().Where(i => i.EvaluationId == evaluationId).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<BuildOutEvent>> HistoryAsync(Guid evaluationId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.BuildOutEvents.AsNoTracking().Where(e => e.EvaluationId == evaluationId).OrderBy(e => e.Seq).ToListAsync(ct);
    }

    public async Task<bool> AddAsync(BuildOutEvaluation evaluation, IReadOnlyList<BuildOutItem> items, BuildOutEvent step, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.BuildOutEvaluations.Add(evaluation);
        db.BuildOutItems.AddRange(items);
        step.Seq = 1;
        db.BuildOutEvents.Add(step);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique (enterprise, round) index: the same round was opened at the same time.
            return false;
        }
    }

    public async Task<bool> SaveAsync(BuildOutEvaluation e, int expectedVersion, IReadOnlyList<BuildOutItem> items, BuildOutEvent step, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var next = expectedVersion + 1;
        var changed = await db.BuildOutEvaluations.Where(x => x.Id == e.Id && x.Version == expectedVersion).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Version, next)
            .SetProperty(x => x.Status, e.Status)
            .SetProperty(x => x.Total, e.Total)
            .SetProperty(x => x.Grade, e.Grade)
            .SetProperty(x => x.Consequence, e.Consequence)
            .SetProperty(x => x.Returns, e.Returns)
            .SetProperty(x => x.SubmittedAt, e.SubmittedAt)
            .SetProperty(x => x.SubmittedBy, e.SubmittedBy)
            .SetProperty(x => x.ReviewedAt, e.ReviewedAt)
            .SetProperty(x => x.ReviewedBy, e.ReviewedBy)
            .SetProperty(x => x.ReviewComment, e.ReviewComment), ct);
        if (changed == 0) return false;
        db.BuildOutItems.UpdateRange(items);
        // The version check above serialises the writers of one evaluation, so the next place in its history is free.
        step.Seq = await db.BuildOutEvents.Where(x => x.EvaluationId == e.Id).MaxAsync(x => (int?)x.Seq, ct) + 1 ?? 1;
        db.BuildOutEvents.Add(step);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        e.Version = next;
        return true;
    }

    public async Task<BuildOutFacts> FactsAsync(Guid enterpriseId, DateOnly day, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var withPoint = await db.ServicePoints.AsNoTracking().Where(p => p.EnterpriseId == enterpriseId).Select(p => p.CountyCode).Distinct().ToListAsync(ct);
        // As the indicators count a county staffed (IKpiSource.ExtrasAsync): an active technician with a certificate valid that day at a point there.
        var staffed = await (from t in db.Technicians.AsNoTracking()
                             join p in db.ServicePoints.AsNoTracking() on t.ServicePointId equals p.Id
                             where p.EnterpriseId == enterpriseId && t.Active && db.Certificates.Any(k => k.TechnicianId == t.Id && k.ValidFrom <= day && k.ValidUntil >= day)
                             select p.CountyCode).Distinct().ToListAsync(ct);
        var active = await db.Technicians.AsNoTracking().CountAsync(t => t.EnterpriseId == enterpriseId && t.Active, ct);
        var certified = await db.Technicians.AsNoTracking().CountAsync(t => t.EnterpriseId == enterpriseId && t.Active
            && db.Certificates.Any(k => k.TechnicianId == t.Id && k.ValidFrom <= day && k.ValidUntil >= day), ct);
        var articles = await db.KnowledgeArticles.AsNoTracking().CountAsync(a => a.EnterpriseId == enterpriseId && a.PublishedRevision != null && a.Status != ArticleStatus.Retired, ct);
        var key = await db.PlatformClients.AsNoTracking().AnyAsync(c => c.EnterpriseId == enterpriseId && c.RevokedAt == null, ct);
        var batches = await db.ExchangeBatches.AsNoTracking().CountAsync(b => b.EnterpriseId == enterpriseId && b.Stored > 0, ct);
        return new BuildOutFacts(day, GuangxiDivisions.Shipped.Counties, withPoint, staffed, active, certified, articles, key, batches);
    }
}
