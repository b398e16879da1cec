namespace TypedStore;

/// <summary>The answer of a store's <c>CheckHealth()</c>: a status, why, and the exception behind it when there is one.</summary>
public sealed class StoreHealth
{
    private StoreHealth(StoreHealthStatus status, string description, Exception? exception)
    {
        Status = status;
        Description = description;
        Exception = exception;
    }

    /// <summary>How well the store answers.</summary>
    public StoreHealthStatus Status { get; }

    /// <summary>A sentence naming the store and, when it is not healthy, the reason.</summary>
    public string Description { get; }

    /// <summary>The exception that made the store unhealthy or degraded; <see langword="null"/> when healthy or merely closed.</summary>
    public Exception? Exception { get; }

    internal static StoreHealth Healthy(string storeName) =>
        new(StoreHealthStatus.Healthy, $"The store '{storeName}' is open and answers.", null);

    internal static StoreHealth Closed(string storeName) =>
        new(StoreHealthStatus.Unhealthy, $"The store '{storeName}' has been disposed.", null);

    internal static StoreHealth EngineFailed(string storeName, Exception exception) =>
        new(StoreHealthStatus.Unhealthy, $"The store '{storeName}' did not answer: {exception.Message}", exception);

    internal static StoreHealth BackgroundFailed(string storeName, Exception exception) =>
        new(StoreHealthStatus.Degraded, $"The store '{storeName}' answers, but its background eviction failed: {exception.Message}", exception);

    /// <inheritdoc/>
    public override string ToString() => $"{Status}: {Description}";
}
