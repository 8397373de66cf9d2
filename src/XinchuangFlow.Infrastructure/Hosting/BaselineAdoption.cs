using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Hosting;

/// <summary>
/// Moves a database created by the migrations that the <c>Baseline</c> migration replaced onto the baseline, before
/// <c>Migrate</c> runs. Those migrations, all applied, build exactly the baseline's schema (checked when the baseline was
/// made), so only the history changes: their rows are replaced by the baseline's, and <c>Migrate</c> then applies
/// whatever came after it. A database with only some of them applied is in a state the baseline cannot reach, and is
/// refused: migrating it would create tables that already exist.
/// </summary>
public static class BaselineAdoption
{
    public static async Task<BaselineAdoptionResult> AdoptAsync(XfDbContext context, DatabaseProvider provider, CancellationToken ct = default)
    {
        var old = PreBaselineMigrations.For(provider);
        var baseline = context.GetService<IMigrationsAssembly>().Migrations.Keys.Single(id => id.EndsWith("_Baseline", StringComparison.Ordinal));
        var history = context.GetService<IHistoryRepository>();
        // Created if missing with the provider's idempotent script (as the initializer does anyway): asking whether it
        // exists is not reliable on every provider, and an empty history is simply a new database.
        await context.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);

        // The check and the rewrite in one transaction, with the history locked against a second node starting at the
        // same moment (SQLite's transactions are taken for writing from the start, which locks the whole file). The history
        // table keeps EF's default name: DatabaseOptions.Configure does not rename it.
        await using var tx = await context.Database.BeginTransactionAsync(ct);
        switch (provider)
        {
            case DatabaseProvider.PostgreSql:
                await context.Database.ExecuteSqlRawAsync("""LOCK TABLE "__EFMigrationsHistory" IN EXCLUSIVE MODE""", ct);
                break;
            case DatabaseProvider.SqlServer:
                await context.Database.ExecuteSqlRawAsync("SELECT COUNT(*) FROM [__EFMigrationsHistory] WITH (TABLOCKX, HOLDLOCK)", ct);
                break;
        }
        var applied = (await history.GetAppliedMigrationsAsync(ct)).Select(r => r.MigrationId).ToHashSet(StringComparer.Ordinal);
        var appliedOld = old.Where(applied.Contains).ToList();
        if (appliedOld.Count == 0 || applied.Contains(baseline)) return BaselineAdoptionResult.NotNeeded;

        if (appliedOld.Count != old.Count || applied.Count != old.Count)
        {
            var missing = old.Where(id => !applied.Contains(id)).ToList();
            var unknown = applied.Where(id => !old.Contains(id)).Order(StringComparer.Ordinal).ToList();
            throw new InvalidOperationException(
                "This database predates the baseline migration and cannot be upgraded by this version: "
                + (missing.Count > 0 ? $"{missing.Count} of the migrations the baseline replaced were never applied to it ({string.Join(", ", missing)})" : "")
                + (missing.Count > 0 && unknown.Count > 0 ? "; " : "")
                + (unknown.Count > 0 ? $"its history lists migrations this version does not know ({string.Join(", ", unknown)})" : "")
                + ". Upgrade it first with the previous version (any build from before the baseline applies all of them at start-up), "
                + "then start this version; or recreate it. Nothing was changed. See docs/operations.md, \"Upgrading a database created before the baseline\".");
        }

        foreach (var id in old)
            await context.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), ct);
        await context.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), ct);
        await tx.CommitAsync(ct);
        return BaselineAdoptionResult.Adopted;
    }
}
