using TypedStore.Tables;

namespace TypedStore.Operations;

/// <summary>
/// Where every error of a store's background work arrives (docs/operations.md, "Background errors"): it is counted,
/// then handed to <see cref="StoreOptions.BackgroundError"/>. Logging and metrics (design §16) hook in here, in
/// <see cref="Report"/>: the one place that sees them all.
/// </summary>
internal sealed class BackgroundErrors(StoreOptions options)
{
    private long _count;

    /// <summary>How many background jobs have failed since the store opened.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Counts the error and tells the application; never throws (it runs on timer threads).</summary>
    public void Report(string operation, string? table, Exception error)
    {
        Interlocked.Increment(ref _count);
        if (options.BackgroundError is not { } callback)
        {
            return;
        }

        try
        {
            callback(new BackgroundWorkError(operation, table, error, options.TimeProvider.GetUtcNow()));
        }
#pragma warning disable CA1031 // The application's callback must not end the process from a timer thread; its own failure is dropped.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
