using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Engine.Validation;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Hosting;

/// <summary>
/// Start-up work that must finish before requests are served: apply migrations, then import the shipped
/// definitions (a file becomes a new published version only when its content changed).
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<XfDbContext> factory,
    IOptions<DatabaseOptions> db,
    IOptions<WorkflowFilesOptions> files,
    DefinitionService definitions,
    EfRuleStore rules,
    IHostEnvironment env,
    ILogger<DatabaseInitializer> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using (var context = await factory.CreateDbContextAsync(ct))
        {
            if (db.Value.Provider == DatabaseProvider.Sqlite)
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            if (db.Value.MigrateOnStart)
            {
                // The history table first, with the provider's own idempotent script: on an empty PostgreSQL database EF
                // would otherwise read the missing table, fail, log an error and then create it — harmless, but an
                // error line is what monitoring pages someone for.
                var history = context.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>();
                await context.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);
                // A database created by the migrations the baseline replaced is moved onto it (or refused, when only some
                // of them were applied); Migrate would otherwise try to create every table again.
                if (await BaselineAdoption.AdoptAsync(context, db.Value.Provider, ct) == BaselineAdoptionResult.Adopted)
                    log.LogInformation("The database was created before the baseline migration; its history now lists the baseline instead of the {Count} migrations it replaced",
                        PreBaselineMigrations.For(db.Value.Provider).Count);
                await context.Database.MigrateAsync(ct);
            }
            // Personal fields written before encryption (or by an older node during a rolling upgrade) are encrypted now.
            var encrypted = await XinchuangFlow.Infrastructure.Security.FieldEncryptionSweep.RunAsync(context, ct);
            if (encrypted > 0) log.LogInformation("Encrypted the personal fields of {Count} rows written before encryption at rest", encrypted);
        }
        // Rules are data the domain cannot run without: always imported (a stored copy someone edited is kept).
        await ImportRulesAsync(ct);
        if (files.Value.ImportOnStart) await ImportAsync(ct);
    }

    /// <summary>Imports each rule kind's default file (<c>rules/sla.json</c> …) as its regional default.</summary>
    public async Task ImportRulesAsync(CancellationToken ct)
    {
        var folder = ResolveFolder(files.Value.Folder, env.ContentRootPath);
        var missing = new List<string>();
        foreach (var (kind, file) in rules.Kinds.All.Select(k => (k.Key, k.DefaultFile)))
        {
            var path = folder is null ? null : Path.Combine(folder, "rules", file);
            if (path is null || !File.Exists(path)) { missing.Add(kind); continue; }
            if (await rules.ImportAsync(kind, await File.ReadAllTextAsync(path, ct), ct))
                log.LogInformation("Imported {Kind} rules from {Path}", kind, path);
        }
        if (missing.Count > 0)
            log.LogWarning("Rule files not found for {Kinds} under '{Folder}/rules'; those rules must already be in the database", string.Join(", ", missing), files.Value.Folder);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Imports every definition file; a broken file is logged and skipped, never half-imported.</summary>
    public async Task<int> ImportAsync(CancellationToken ct)
    {
        var folder = ResolveFolder(files.Value.Folder, env.ContentRootPath);
        if (folder is null)
        {
            log.LogWarning("Workflow folder '{Folder}' was not found; no definitions imported", files.Value.Folder);
            return 0;
        }
        var created = 0;
        foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var model = DefinitionJson.Parse(await File.ReadAllTextAsync(path, ct));
                var (record, isNew) = await definitions.ImportAsync(model, Path.GetFileName(path), ct);
                if (isNew)
                {
                    created++;
                    log.LogInformation("Imported {File} as {DefinitionId} v{Version}", Path.GetFileName(path), record.DefinitionId, record.Version);
                }
            }
            catch (Exception ex) when (ex is DefinitionFormatException or DefinitionInvalidException or StateConflictException)
            {
                log.LogError("Workflow file {File} was not imported: {Message}", path, ex.Message);
            }
        }
        return created;
    }

    public static string? ResolveFolder(string folder, string contentRoot)
    {
        if (Path.IsPathRooted(folder)) return Directory.Exists(folder) ? folder : null;
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, folder);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
