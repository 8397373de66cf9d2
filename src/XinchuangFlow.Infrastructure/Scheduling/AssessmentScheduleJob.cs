using Microsoft.Extensions.Logging;
using Quartz;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Assessment;

namespace XinchuangFlow.Infrastructure.Scheduling;

/// <summary>
/// Quartz job that starts the quarterly assessment (ASM-2): every hour it looks whether the quarter before the current
/// one is due (<see cref="AssessmentScheduleOptions.DaysAfterQuarter"/> days into the new quarter, so late reports are in)
/// and was never computed; then it starts the quarter's procedure, once. Two nodes at the same moment: the round's unique
/// (quarter, revision) lets one of them store it.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AssessmentScheduleJob(AssessmentRoundService rounds, AssessmentScheduleOptions options, TimeProvider clock, ILogger<AssessmentScheduleJob> log) : IJob
{
    public static readonly JobKey Key = new("assessment-schedule", "xinchuangflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (await RunAsync(cancellationToken) is { } started) log.LogInformation("Quarterly assessment started: instance {InstanceId}", started);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Starting the quarterly assessment failed; the next run tries again");
        }
    }

    /// <summary>Starts the due quarter when it was never computed; the instance started, or null.</summary>
    public async Task<Guid?> RunAsync(CancellationToken ct = default)
    {
        if (!options.Enabled || AssessmentPeriod.DueForAssessment(clock.GetUtcNow(), options.DaysAfterQuarter) is not { } quarter) return null;
        return await rounds.StartScheduledAsync(quarter, ct);
    }
}

/// <summary>The quarterly assessment's schedule (section <c>Assessment</c>).</summary>
public sealed class AssessmentScheduleOptions
{
    public const string SectionName = "Assessment";
    /// <summary>Whether the schedule starts quarters by itself (the Data Bureau can always start one on the assessment page).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Whole days into the new quarter before the last one is computed.</summary>
    public int DaysAfterQuarter { get; set; } = 5;
    /// <summary>How often the job looks.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often the satisfaction red line is checked (ASM-5).</summary>
    public TimeSpan RedLineInterval { get; set; } = TimeSpan.FromMinutes(5);
}
