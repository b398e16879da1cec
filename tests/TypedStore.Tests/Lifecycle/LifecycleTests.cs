using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Tests.Lifecycle;

/// <summary>
/// Soft delete, user isolation, streams and change feeds through the generated <see cref="LifecycleStore"/>, written
/// once and run on every engine (see the derived classes). The clock is a <see cref="ManualTimeProvider"/> starting
/// at <see cref="T0"/>, so every time-dependent expectation is computed here from times the test chose.
/// </summary>
public abstract partial class LifecycleTests : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    /// <summary>A whole millisecond, so time-ordered ids of rows written at T0 stand for T0 exactly.</summary>
    protected static DateTimeOffset T0 { get; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    internal ManualTimeProvider Clock { get; } = new(T0);

    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens a new, empty store (each call a different one).</summary>
    internal abstract LifecycleStore OpenStore(StoreOptions options);

    protected virtual void DisposeEngineResources()
    {
    }

    internal LifecycleStore Open() => OpenStore(new StoreOptions { TimeProvider = Clock });

    internal T Track<T>(T store)
        where T : IDisposable
    {
        _opened.Add(store);
        return store;
    }

    /// <summary>Every key physically stored in a table's column family (rows, markers, expired rows not yet evicted).</summary>
    internal static List<byte[]> RawKeys(StoreRuntime store, StorageColumnFamily columnFamily)
    {
        var keys = new List<byte[]>();
        using StorageIterator iterator = store.Engine.CreateIterator(columnFamily);
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            keys.Add(iterator.Key.ToArray());
        }

        return keys;
    }

    internal static List<byte[]> RawKeys<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> table)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => RawKeys(table.Store, table.ColumnFamily);
}
