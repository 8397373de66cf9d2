using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Knowledge;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Infrastructure.Hosting;

/// <summary>
/// Makes, once, as the node starts and before it takes requests, the reads a first ticket makes — the shipped flows'
/// definitions parsed into the cache and their expressions prepared (and the script engine run once), the knowledge
/// index opened and searched (the Chinese segmenter's dictionary loaded), the dispatch network kept, and every statement
/// of an intake's reads compiled by EF Core — so the first requests do not each wait for them (PERF-3, cold start;
/// measured in <c>docs/performance.md</c>, "Round 6"). Nothing is written. A failed step is logged and skipped: a
/// warm-up never keeps a node from starting. <c>Hosting:WarmUp</c> = false leaves it out.
/// </summary>
public sealed class StartupWarmUp(
    IConfiguration config, DefinitionCache definitions, DefinitionValidator validator, IExpressionEvaluator expressions,
    IKnowledgeSearch search, IKnowledgeStore articles, ICaseDirectory cases, ITicketRepository tickets, INetworkRepository network,
    ILogger<StartupWarmUp> log) : IHostedService
{
    /// <summary>The longest a start waits for the warm-up; what is left runs on while the node takes requests.</summary>
    public static readonly TimeSpan MostWaited = TimeSpan.FromSeconds(20);

    /// <summary>Whether the warm-up ran to its end (for tests and the benchmark's log).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!config.GetValue("Hosting:WarmUp", true)) return;
        Completion = WarmAsync();
        try { await Completion.WaitAsync(MostWaited, cancellationToken); }
        catch (TimeoutException) { log.LogWarning("The start's warm-up takes longer than {Seconds} s; the node listens meanwhile", MostWaited.TotalSeconds); }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmAsync()
    {
        var total = Stopwatch.StartNew();
        var steps = new List<string>();
        // Independent reads run side by side: a start has two cores and most of these wait on one of them.
        await Task.WhenAll(
            StepAsync("definitions", async () =>
            {
                foreach (var flow in new[] { CaseFlows.ServiceTicket, CaseFlows.Complaint })
                {
                    if (await definitions.GetLatestPublishedAsync(flow) is not { } latest) continue;
                    // Validating checks every expression of the flow: each is parsed once and kept by the evaluator.
                    validator.Validate((await definitions.GetAsync(flow, latest.Version)).Model);
                }
                var request = new JsonObject { ["request"] = new JsonObject { ["countyCode"] = "450103", ["impact"] = "single" } };
                expressions.Evaluate("vars.request.impact === 'single' ? vars.request.countyCode : null", new ExpressionScope(request, request, Guid.Empty, "warm-up", DateTimeOffset.UnixEpoch));
            }),
            StepAsync("knowledge", async () =>
            {
                const string text = "统信UOS 开机黑屏 无法进入桌面 打印机驱动";
                await search.SearchAsync(new KnowledgeSearchQuery(text, [], true, 5, Fragments: false));
                await search.SearchAsync(new KnowledgeSearchQuery(text, [], false, 12, Tickets: true, Fragments: false));
                await articles.FindManyAsync([Guid.Empty]);
                await articles.CitationCountsAsync([Guid.Empty]);
            }),
            StepAsync("cases", async () =>
            {
                await cases.FindTicketByKeyAsync(null, "warm-up");
                await cases.FindTicketSummariesAsync([Guid.Empty], new CaseScope(All: true));
                await tickets.FindTicketByInstanceAsync(Guid.Empty);
            }),
            StepAsync("dispatch", async () => await network.DispatchSnapshotAsync(null, "terminal")));
        log.LogInformation("Warmed up in {Ms} ms ({Steps})", total.ElapsedMilliseconds, string.Join(", ", steps));

        async Task StepAsync(string name, Func<Task> step)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                await Task.Run(step);
                lock (steps) steps.Add($"{name} {watch.ElapsedMilliseconds} ms");
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "The start's warm-up step {Step} failed; the first requests make it instead", name);
            }
        }
    }
}
