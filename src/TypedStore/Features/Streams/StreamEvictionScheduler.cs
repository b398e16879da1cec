namespace TypedStore.Features.Streams;

/// <summary>
/// Runs <see cref="IExpiringTable.EvictExpired"/> on every registered stream table at
/// <see cref="StoreOptions.StreamEvictionInterval"/>, on a timer from <see cref="StoreOptions.TimeProvider"/>.
/// </summary>
/// <remarks>
/// One eviction runs at a time: a tick that finds the previous one still running is skipped rather than queued.
/// <see cref="Dispose"/> takes the same gate, so when it returns no eviction is running and none will start:
/// the store can then close the engine safely. A failing eviction never escapes onto the timer thread (that would
/// end the process); it is kept in <see cref="LastError"/> and the next tick tries again.
/// </remarks>
internal sealed class StreamEvictionScheduler : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Lock _registration = new();
    private readonly ITimer _timer;
    private IExpiringTable[] _tables = [];
    private bool _stopped;

    public StreamEvictionScheduler(TimeProvider timeProvider, TimeSpan interval)
    {
        _timer = timeProvider.CreateTimer(static state => ((StreamEvictionScheduler)state!).Tick(), this, interval, interval);
    }

    /// <summary>The last error a background eviction raised, or <see langword="null"/>.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Adds a table to evict on every tick.</summary>
    public void Register(IExpiringTable table)
    {
        lock (_registration)
        {
            IExpiringTable[] tables = new IExpiringTable[_tables.Length + 1];
            _tables.CopyTo(tables, 0);
            tables[^1] = table;
            Volatile.Write(ref _tables, tables);
        }
    }

    /// <summary>Runs one eviction pass now, unless one is already running or the scheduler is stopped.</summary>
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

            foreach (IExpiringTable table in Volatile.Read(ref _tables))
            {
                table.EvictExpired();
            }
        }
#pragma warning disable CA1031 // A timer callback must not throw: any exception would end the process. It is kept for the application instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LastError = ex;
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Stops the timer and waits for a running eviction to finish; no eviction starts afterwards.</summary>
    /// <remarks>
    /// Stopped before the timer is disposed: should a custom <see cref="TimeProvider"/>'s timer throw from its
    /// Dispose, no eviction can start any more, so the store still closes its engine safely.
    /// </remarks>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
        }

        _timer.Dispose();
    }
}
