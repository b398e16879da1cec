namespace TypedStore.Tests.Reliability;

/// <summary>The exception the open-failure tests inject; nothing else throws it, so a test can tell it apart.</summary>
internal sealed class InjectedFailureException(string message) : Exception(message);

/// <summary>A clock whose <see cref="CreateTimer"/> fails: the failure point "starting the eviction timer".</summary>
internal sealed class TimerRefusingTimeProvider : TimeProvider
{
    public int Attempts { get; private set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Attempts++;
        throw new InjectedFailureException("injected: CreateTimer failed");
    }
}

/// <summary>A clock whose timers never fire and throw when disposed: stopping the eviction fails.</summary>
internal sealed class TimerDisposeFailingTimeProvider : TimeProvider
{
    public List<DisposeFailingTimer> Timers { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new DisposeFailingTimer();
        Timers.Add(timer);
        return timer;
    }
}

/// <summary>A timer that records its disposal and then throws.</summary>
internal sealed class DisposeFailingTimer : ITimer
{
    public bool DisposeCalled { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period) => true;

    public void Dispose()
    {
        DisposeCalled = true;
        throw new InjectedFailureException("injected: timer Dispose failed");
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A clock that cannot tell the time: the catalog check, which stamps what it records, fails.</summary>
internal sealed class BrokenClockTimeProvider : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => throw new InjectedFailureException("injected: GetUtcNow failed");
}
