using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TypedStore.Diagnostics;

/// <summary>
/// One table's side of <see cref="StoreMetrics"/>: its tags per operation, built once, so recording an operation
/// allocates nothing; and the two calls an operation makes, <see cref="Start"/> and <see cref="Completed"/>, each a
/// test of one instrument's <c>Enabled</c> while no listener is on.
/// </summary>
internal sealed class TableMetrics
{
    // Per StoreOperation: store, table, operation.
    private readonly KeyValuePair<string, object?>[][] _tags;

    public TableMetrics(string store, string table)
    {
        StoreOperation[] operations = Enum.GetValues<StoreOperation>();
        _tags = new KeyValuePair<string, object?>[operations.Length][];
        foreach (StoreOperation operation in operations)
        {
            _tags[(int)operation] =
            [
                new(StoreMetrics.StoreTag, store),
                new(StoreMetrics.TableTag, table),
                new(StoreMetrics.OperationTag, Name(operation)),
            ];
        }
    }

    /// <summary>The operation's start time when durations are listened to, else 0 (the clock is not read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Start() => StoreMetrics.Durations.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Counts <paramref name="operation"/>, and records its duration when <paramref name="started"/> came from a listened-to <see cref="Start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Completed(StoreOperation operation, long started)
    {
        if (StoreMetrics.Operations.Enabled || started != 0)
        {
            Record(operation, started);
        }
    }

    private void Record(StoreOperation operation, long started)
    {
        ReadOnlySpan<KeyValuePair<string, object?>> tags = _tags[(int)operation];
        StoreMetrics.Operations.Add(1, tags);
        if (started != 0)
        {
            StoreMetrics.Durations.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private static string Name(StoreOperation operation) => operation switch
    {
        StoreOperation.Get => "get",
        StoreOperation.GetMany => "get_many",
        StoreOperation.Scan => "scan",
        StoreOperation.Put => "put",
        StoreOperation.PutMany => "put_many",
        StoreOperation.Delete => "delete",
        _ => "delete_range",
    };
}
