// An internal store listing its tables explicitly, one of them internal and one left out of the store.
using System;
using TypedStore;

namespace Samples.Jobs;

/// <summary>A scheduled job.</summary>
/// <param name="Name">The job's name.</param>
/// <param name="Cron">Its schedule.</param>
[Table("jobs")]
public sealed record Job([property: Key] string Name, string Cron);

/// <summary>One run of a job.</summary>
/// <param name="Job">The job.</param>
/// <param name="Attempt">The attempt number.</param>
/// <param name="Outcome">How it ended.</param>
[Table("job_runs")]
internal sealed record JobRun([property: Key] string Job, [property: Key] ushort Attempt, string Outcome);

/// <summary>A table no store below lists.</summary>
/// <param name="Id">The id.</param>
[Table("elsewhere")]
public sealed record Elsewhere([property: Key] Guid Id);

/// <summary>The scheduler's store: only the job tables.</summary>
[Store(typeof(Job), typeof(JobRun))]
internal partial class SchedulerStore;
