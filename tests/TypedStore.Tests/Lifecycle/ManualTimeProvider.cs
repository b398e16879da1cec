namespace TypedStore.Tests.Lifecycle;

/// <summary>
/// A clock the test sets by hand, and timers the test fires by hand: TTL boundaries and background eviction
/// are exercised tick-exactly and deterministically, with no waiting on real time.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _utcTicks;

    public ManualTimeProvider(DateTimeOffset start)
    {
        _utcTicks = start.UtcTicks;
    }

    /// <summary>Runs inside every <see cref="GetUtcNow"/>, before it answers (to block a caller at a known point).</summary>
    public Action? OnGetUtcNow { get; set; }

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _utcTicks, value.UtcTicks);
    }

    public List<ManualTimer> Timers { get; } = [];

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow()
    {
        OnGetUtcNow?.Invoke();
        return Now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(callback, state, dueTime, period);
        lock (Timers)
        {
            Timers.Add(timer);
        }

        return timer;
    }
}

/// <summary>A timer that fires only when the test calls <see cref="Fire"/>.</summary>
internal sealed class ManualTimer : ITimer
{
    private readonly TimerCallback _callback;
    private readonly object? _state;

    public ManualTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _callback = callback;
        _state = state;
        DueTime = dueTime;
        Period = period;
    }

    public TimeSpan DueTime { get; private set; }

    public TimeSpan Period { get; private set; }

    public bool IsDisposed { get; private set; }

    /// <summary>Runs the callback on the calling thread, as the timer would on a pool thread; a disposed timer never fires.</summary>
    public void Fire()
    {
        if (!IsDisposed)
        {
            _callback(_state);
        }
    }

    /// <summary>Runs the callback even after dispose: what a real timer callback already queued can still do.</summary>
    public void FireEvenIfDisposed() => _callback(_state);

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        DueTime = dueTime;
        Period = period;
        return !IsDisposed;
    }

    public void Dispose() => IsDisposed = true;

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
