namespace TypedStore.Features.Streams;

/// <summary>
/// The store's background maintenance: runs <see cref="IExpiringTable.EvictExpired"/> on every registered stream table,
/// and every other registered job (change-feed retention), at <see cref="StoreOptions.StreamEvictionInterval"/>, on a
/// timer from <see cref="StoreOptions.TimeProvider"/>.
/// </summary>
/// <remarks>
/// One pass runs at a time: a tick that finds the previous one still running is skipped rather than queued.
/// <see cref="Dispose"/> takes the same gate, so when it returns no pass is running and none will start:
/// the store can then close the engine safely. A failing job never escapes onto the timer thread (that would
/// end the process) and does not keep the other jobs of the pass from running: it is kept in <see cref="LastError"/>,
/// handed to the error sink (the store counts it and calls <see cref="StoreOptions.BackgroundError"/>), and the next
/// tick tries again.
/// </remarks>
internal sealed class StreamEvictionScheduler : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Lock _registration = new();
    private readonly ITimer _timer;
    private readonly Action<string, string?, Exception>? _onError;
    private BackgroundJob[] _jobs = [];
    private bool _stopped;

    /// <param name="timeProvider">Creates the timer.</param>
    /// <param name="interval">The period of the passes.</param>
    /// <param name="onError">Told of every failed job (operation, table, error); it must not throw.</param>
    public StreamEvictionScheduler(TimeProvider timeProvider, TimeSpan interval, Action<string, string?, Exception>? onError = null)
    {
        _onError = onError;
        _timer = timeProvider.CreateTimer(static state => ((StreamEvictionScheduler)state!).Tick(), this, interval, interval);
    }

    /// <summary>The last error a background job raised, or <see langword="null"/>.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Adds a table to evict on every tick.</summary>
    public void Register(IExpiringTable table)
        => Register(BackgroundWorkError.StreamEviction, table.Name, table.EvictExpired);

    /// <summary>Adds a job to run on every tick.</summary>
    /// <param name="operation">What the job does, as errors report it (<see cref="BackgroundWorkError.Operation"/>).</param>
    /// <param name="table">The table it is for, if one.</param>
    /// <param name="run">The job.</param>
    public void Register(string operation, string? table, Action run)
    {
        lock (_registration)
        {
            BackgroundJob[] jobs = new BackgroundJob[_jobs.Length + 1];
            _jobs.CopyTo(jobs, 0);
            jobs[^1] = new BackgroundJob(operation, table, run);
            Volatile.Write(ref _jobs, jobs);
        }
    }

    /// <summary>Runs one pass now, unless one is already running or the scheduler is stopped.</summary>
    public void Tick()
    {
        if (!_gate.TryEnter())
        {
            return;
        }

        try
        {
            if (_stopped)
            {
                return;
            }

            foreach (BackgroundJob job in Volatile.Read(ref _jobs))
            {
                Run(job);
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Stops the timer and waits for a running pass to finish; no pass starts afterwards.</summary>
    /// <remarks>
    /// Stopped before the timer is disposed: should a custom <see cref="TimeProvider"/>'s timer throw from its
    /// Dispose, no pass can start any more, so the store still closes its engine safely.
    /// </remarks>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
        }

        _timer.Dispose();
    }

    private void Run(BackgroundJob job)
    {
        try
        {
            job.Run();
        }
#pragma warning disable CA1031 // A timer callback must not throw: any exception would end the process. It is reported instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LastError = ex;
            _onError?.Invoke(job.Operation, job.Table, ex);
        }
    }

    private sealed record BackgroundJob(string Operation, string? Table, Action Run);
}
