namespace TypedStore;

/// <summary>How well a store answers (<see cref="StoreHealth"/>).</summary>
public enum StoreHealthStatus
{
    /// <summary>The store is closed, or its engine failed to answer: it cannot serve reads or writes.</summary>
    Unhealthy = 0,

    /// <summary>The store answers, but background work (the eviction of Stream tables) failed and will be retried.</summary>
    Degraded = 1,

    /// <summary>The store answers and nothing in the background has failed.</summary>
    Healthy = 2,
}
