using Microsoft.Extensions.Logging;
using TypedStore.Diagnostics;
using TypedStore.Tables;

namespace TypedStore.Operations;

/// <summary>
/// Where every error of a store's background work arrives (docs/operations.md, "Background errors"): it is counted,
/// logged (<c>BackgroundWorkFailed</c>), counted on the <c>typedstore.background.errors</c> instrument, then handed to
/// <see cref="StoreOptions.BackgroundError"/> (docs/observability.md). <see cref="Report"/> is the one place that sees
/// them all.
/// </summary>
internal sealed class BackgroundErrors(StoreOptions options, ILogger logger, string store)
{
    private long _count;

    /// <summary>How many background jobs have failed since the store opened.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Counts the error and tells the application; never throws (it runs on timer threads).</summary>
    public void Report(string operation, string? table, Exception error)
    {
        Interlocked.Increment(ref _count);
        StoreLog.BackgroundWorkFailed(logger, store, table is null ? operation : operation + " of " + table, error);
        StoreMetrics.BackgroundErrors.Add(1, new KeyValuePair<string, object?>(StoreMetrics.StoreTag, store), new KeyValuePair<string, object?>(StoreMetrics.OperationTag, operation));
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
