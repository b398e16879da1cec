using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tests.Storage;

/// <summary>
/// An engine that is really async: each async member (<see cref="StorageEngine.TryGetAsync"/>,
/// <see cref="StorageEngine.GetManyAsync"/>, <see cref="StorageEngine.WriteAsync"/>, <see cref="StorageEngine.PutAsync"/>,
/// <see cref="StorageEngine.ReadPageAsync"/>, and an optimistic write's <c>TryCommitAsync</c>) first awaits
/// <see cref="Task.Yield"/>, so it never completes synchronously and resumes on the thread pool, then checks the token
/// and forwards to the inner engine. It counts what it was asked, so a test can tell the async members were used.
/// </summary>
internal sealed class YieldingStorageEngine(StorageEngine inner) : ForwardingStorageEngine(inner)
{
    private int _asyncReads;
    private int _asyncWrites;
    private int _asyncPages;
    private int _asyncCommits;
    private int _syncWrites;
    private int _syncReads;
    private int _syncSnapshots;
    private int _asyncSnapshots;

    /// <summary>Point reads asked through <see cref="TryGetAsync"/> or <see cref="GetManyAsync"/>.</summary>
    public int AsyncReads => Volatile.Read(ref _asyncReads);

    /// <summary>Batches written through <see cref="WriteAsync"/> and rows through <see cref="PutAsync"/>.</summary>
    public int AsyncWrites => Volatile.Read(ref _asyncWrites);

    /// <summary>Pages read through <see cref="ReadPageAsync"/>.</summary>
    public int AsyncPages => Volatile.Read(ref _asyncPages);

    /// <summary>Optimistic writes committed through <c>TryCommitAsync</c>.</summary>
    public int AsyncCommits => Volatile.Read(ref _asyncCommits);

    /// <summary>Writes of any synchronous member (Put, Delete, DeleteRange, Write).</summary>
    public int SyncWrites => Volatile.Read(ref _syncWrites);

    /// <summary>
    /// Reads of any synchronous member (Get, TryGet, Contains, GetMany, CreateIterator): on a network engine each of
    /// these blocks a thread, so an async path that is truly async leaves this count unchanged.
    /// </summary>
    public int SyncReads => Volatile.Read(ref _syncReads);

    /// <summary>Snapshots taken through <see cref="CreateSnapshot"/> (on a network engine: a blocking round trip).</summary>
    public int SyncSnapshots => Volatile.Read(ref _syncSnapshots);

    /// <summary>Snapshots taken through <see cref="CreateSnapshotAsync"/>.</summary>
    public int AsyncSnapshots => Volatile.Read(ref _asyncSnapshots);

    public override StorageSnapshot CreateSnapshot()
    {
        Interlocked.Increment(ref _syncSnapshots);
        return base.CreateSnapshot();
    }

    public override async ValueTask<StorageSnapshot> CreateSnapshotAsync(CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _asyncSnapshots);
        return Inner.CreateSnapshot();
    }

    public override int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination, StorageSnapshot? snapshot = null)
    {
        Interlocked.Increment(ref _syncReads);
        return base.Get(columnFamily, key, destination, snapshot);
    }

    public override bool TryGet(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ValueBuffer destination, StorageSnapshot? snapshot = null)
    {
        Interlocked.Increment(ref _syncReads);
        return Inner.TryGet(columnFamily, key, destination, snapshot);
    }

    public override bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, StorageSnapshot? snapshot = null)
    {
        Interlocked.Increment(ref _syncReads);
        return base.Contains(columnFamily, key, snapshot);
    }

    public override void GetMany(StorageColumnFamily columnFamily, ReadOnlySpan<byte> keys, ReadOnlySpan<int> keyLengths, ValueBuffer values, Span<int> valueLengths, StorageSnapshot? snapshot = null)
    {
        Interlocked.Increment(ref _syncReads);
        Inner.GetMany(columnFamily, keys, keyLengths, values, valueLengths, snapshot);
    }

    public override StorageIterator CreateIterator(StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound = default, ReadOnlySpan<byte> upperBound = default, StorageSnapshot? snapshot = null)
    {
        Interlocked.Increment(ref _syncReads);
        return base.CreateIterator(columnFamily, lowerBound, upperBound, snapshot);
    }

    public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteDurability durability = WriteDurability.Default)
    {
        Interlocked.Increment(ref _syncWrites);
        base.Put(columnFamily, key, value, durability);
    }

    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, WriteDurability durability = WriteDurability.Default)
    {
        Interlocked.Increment(ref _syncWrites);
        base.Delete(columnFamily, key, durability);
    }

    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey, WriteDurability durability = WriteDurability.Default)
    {
        Interlocked.Increment(ref _syncWrites);
        base.DeleteRange(columnFamily, startKey, endKey, durability);
    }

    public override void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default)
    {
        Interlocked.Increment(ref _syncWrites);
        base.Write(batch, durability);
    }

    public override async ValueTask<bool> TryGetAsync(StorageColumnFamily columnFamily, ReadOnlyMemory<byte> key, ValueBuffer destination, StorageSnapshot? snapshot = null, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _asyncReads);
        return Inner.TryGet(columnFamily, key.Span, destination, snapshot);
    }

    public override async ValueTask GetManyAsync(StorageColumnFamily columnFamily, ReadOnlyMemory<byte> keys, ReadOnlyMemory<int> keyLengths, ValueBuffer values, Memory<int> valueLengths, StorageSnapshot? snapshot = null, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _asyncReads);
        Inner.GetMany(columnFamily, keys.Span, keyLengths.Span, values, valueLengths.Span, snapshot);
    }

    public override async ValueTask WriteAsync(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _asyncWrites);
        Inner.Write(batch, durability);
    }

    public override async ValueTask PutAsync(StorageColumnFamily columnFamily, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, WriteDurability durability = WriteDurability.Default, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _asyncWrites);
        Inner.Put(columnFamily, key.Span, value.Span, durability);
    }

    public override async ValueTask ReadPageAsync(StorageColumnFamily columnFamily, ReadOnlyMemory<byte> lowerBound, ReadOnlyMemory<byte> upperBound, bool reverse, int maxEntries, StoragePage page, StorageSnapshot? snapshot = null, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _asyncPages);
        await Inner.ReadPageAsync(columnFamily, lowerBound, upperBound, reverse, maxEntries, page, snapshot, cancellationToken);
    }

    internal override OptimisticWrite BeginOptimisticWrite(StorageSnapshot snapshot, WriteDurability durability)
        => new YieldingOptimisticWrite(base.BeginOptimisticWrite(snapshot, durability), this);

    private sealed class YieldingOptimisticWrite(OptimisticWrite inner, YieldingStorageEngine owner) : OptimisticWrite
    {
        public override StorageWriteBatch Batch => inner.Batch;

        public override void Validate(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key) => inner.Validate(columnFamily, key);

        public override bool TryCommit() => inner.TryCommit();

        public override async ValueTask<bool> TryCommitAsync(CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Increment(ref owner._asyncCommits);
            return inner.TryCommit();
        }

        public override void Dispose() => inner.Dispose();
    }
}

/// <summary>Opens the inner provider's engine behind a <see cref="YieldingStorageEngine"/>; <see cref="Engine"/> is the last one opened.</summary>
internal sealed class YieldingEngineProvider(StorageEngineProvider inner) : StorageEngineProvider
{
    public YieldingStorageEngine? Engine { get; private set; }

    public override StorageEngine Open(IReadOnlyList<string> columnFamilies, StoreOptions options)
    {
        YieldingStorageEngine engine = new(inner.Open(columnFamilies, options));
        Engine = engine;
        return engine;
    }
}
