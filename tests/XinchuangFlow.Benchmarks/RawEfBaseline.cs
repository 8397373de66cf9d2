using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Benchmarks;

/// <summary>
/// The least a hand-written service would write for the same work, on the same tables, database and settings:
/// W1 inserts the instance (state as JSON), its bookmark and its task in one SaveChanges; W2 loads the task and the
/// instance, then marks the task completed, the instance finished and deletes the bookmark in one SaveChanges.
/// No journal, no validation, no expressions.
/// </summary>
internal static class RawEfBaseline
{
    public static async Task<Pair> RunAsync(DatabaseProvider provider, string cs, int n, int clients)
    {
        var counter = new CommitCounter();
        // The same host and migrations as the engine, so the schema and connection settings are identical.
        using var host = await EngineWorkloads.StartHostAsync(provider, cs, TimeProvider.System, counter);
        var factory = host.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();

        async Task<Guid> StartAsync()
        {
            await using var db = await factory.CreateDbContextAsync();
            var now = DateTimeOffset.UtcNow;
            var id = Guid.CreateVersion7();
            var bookmark = new Bookmark { Id = Guid.CreateVersion7(), InstanceId = id, ActivityId = "task", Kind = BookmarkKind.Task, CreatedAt = now };
            var task = new HumanTask
            {
                Id = Guid.CreateVersion7(), InstanceId = id, BookmarkId = bookmark.Id, ActivityId = "task", DefinitionId = "five-step",
                Title = "审核", AssigneeRole = "Dispatcher", Outcomes = [new TaskOutcome("ok", "ok")], CreatedAt = now,
            };
            bookmark.Key = task.Id.ToString();
            db.Instances.Add(new InstanceRow
            {
                Id = id, DefinitionId = "five-step", DefinitionVersion = 1, Status = WorkflowStatus.Waiting,
                Variables = new JsonObject { ["a"] = 1, ["b"] = "受理" }.ToJsonString(), CreatedAt = now, UpdatedAt = now, Version = 1,
            });
            db.Bookmarks.Add(bookmark);
            db.Tasks.Add(task);
            await db.SaveChangesAsync();
            return task.Id;
        }

        async Task CompleteAsync(Guid taskId)
        {
            await using var db = await factory.CreateDbContextAsync();
            var task = await db.Tasks.FirstAsync(t => t.Id == taskId);
            var instance = await db.Instances.FirstAsync(i => i.Id == task.InstanceId);
            var now = DateTimeOffset.UtcNow;
            task.Status = HumanTaskStatus.Completed;
            task.Outcome = "ok";
            task.CompletedBy = "bench";
            task.CompletedAt = now;
            instance.Status = WorkflowStatus.Finished;
            instance.Variables = new JsonObject { ["a"] = 2, ["b"] = "完成" }.ToJsonString();
            instance.FinishedAt = now;
            instance.Version++;
            db.Bookmarks.Remove(new Bookmark { Id = task.BookmarkId });
            await db.SaveChangesAsync();
        }

        for (var i = 0; i < 300; i++) await CompleteAsync(await StartAsync());

        var tasks = new Guid[n];
        counter.Commits = 0;
        var w1 = await Clock.ParallelAsync(n, clients, async i => tasks[i] = await StartAsync());
        var c1 = counter.Commits;
        counter.Commits = 0;
        var w2 = await Clock.ParallelAsync(n, clients, i => CompleteAsync(tasks[i]));
        return new Pair(new Measurement(n, w1, c1), new Measurement(n, w2, counter.Commits));
    }
}
