namespace TypedStore;

/// <summary>
/// An error of the store's background work (stream eviction, change-feed retention), handed to
/// <see cref="StoreOptions.BackgroundError"/> and counted by the store (docs/operations.md, "Background errors").
/// Background work never throws; it tries again on its next run.
/// </summary>
/// <param name="Operation">What failed: <see cref="StreamEviction"/> or <see cref="ChangeFeedRetention"/>.</param>
/// <param name="Table">The table the work was for, when it was for one.</param>
/// <param name="Exception">The error.</param>
/// <param name="OccurredAt">When it happened, by <see cref="StoreOptions.TimeProvider"/>.</param>
public sealed record BackgroundWorkError(string Operation, string? Table, Exception Exception, DateTimeOffset OccurredAt)
{
    /// <summary>The <see cref="Operation"/> of a failed eviction of a Stream table's expired rows.</summary>
    public const string StreamEviction = "stream eviction";

    /// <summary>The <see cref="Operation"/> of a failed trim of the change feed (<see cref="StoreOptions.ChangeFeedRetention"/>).</summary>
    public const string ChangeFeedRetention = "change-feed retention";
}
