using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TypedStore.Storage.RocksDb.Handles;
using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb;

/// <summary>
/// The storage engine over librocksdb, through our own <c>[LibraryImport]</c> bindings
/// (<see cref="NativeMethods"/>). Point operations are one native call each on caller spans pinned
/// with <c>fixed</c>, using options created once at open, so they allocate nothing.
/// Thread-safe for concurrent reads and writes (as RocksDB is); see <c>docs/storage-core.md</c>.
/// </summary>
internal sealed unsafe partial class RocksDbEngine : StorageEngine, IStorageMaintenance
{
    private readonly string _path;
    private readonly bool _readOnly;
    private readonly DatabaseHandle _database;
    private readonly ReadOptionsHandle _readOptions;
    private readonly WriteOptionsHandle _writeOptions;
    private readonly WriteOptionsHandle _syncedWriteOptions;
    private readonly FlushOptionsHandle _flushOptions;
    private readonly ColumnFamilyHandle[] _openedColumnFamilies;
    private readonly string[] _openedNames;
    private readonly ReadOnlyCollection<StorageColumnFamily> _columnFamilies;
    private readonly Dictionary<string, RocksDbColumnFamily> _columnFamiliesByName;

    // Iterator read options of a knob measurement (RocksDbOptions.ExperimentScanReadOptions); null in every real use.
    private ScanReadOptions? _scanReadOptions;
    private int _disposed;

    /// <summary>The iterators, snapshots and batches handed out and still open.</summary>
    internal OpenChildHandles Children { get; } = new();

    /// <summary>
    /// The directories this process has open read-write through an engine (and so holds RocksDB's <c>LOCK</c> of).
    /// A tool must not open and close a descriptor of such a <c>LOCK</c> file: POSIX drops every record lock a
    /// process holds on a file when any of its descriptors of that file is closed (see StoreDirectoryLock).
    /// </summary>
    internal static System.Collections.Concurrent.ConcurrentDictionary<string, byte> OpenForWriting { get; } = new(StringComparer.Ordinal);

    /// <summary>The database handle; a lease on it is what every engine call holds while inside librocksdb.</summary>
    internal DatabaseHandle Database => _database;

    public override bool IsReadOnly
    {
        get
        {
            _database.ThrowIfClosed();
            return _readOnly;
        }
    }

    public override IReadOnlyList<StorageColumnFamily> ColumnFamilies
    {
        get
        {
            _database.ThrowIfClosed();
            return _columnFamilies;
        }
    }

    public override StorageColumnFamily GetColumnFamily(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _database.ThrowIfClosed();
        return _columnFamiliesByName.TryGetValue(name, out RocksDbColumnFamily? family)
            ? family
            : throw new KeyNotFoundException($"The store at '{_path}' was not opened with a column family named '{name}'.");
    }

    public override int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination, StorageSnapshot? snapshot = null)
    {
        if (OverlayOf(snapshot) is { } overlay)
        {
            return overlay.Get(columnFamily, key, destination);
        }

        RocksDbColumnFamily family = ColumnFamilyOf(columnFamily);
        SnapshotHandle? snapshotHandle = SnapshotOf(snapshot);
        nuint valueLength;
        byte found;
        byte* error = null;
        using (HandleLease databaseLease = _database.Lease())
        using (HandleLease snapshotLease = snapshotHandle is null ? default : snapshotHandle.Lease())
        {
            nint readOptions = snapshotHandle is null ? _readOptions.Pointer : snapshotHandle.ReadOptions;
            fixed (byte* keyPointer = key)
            fixed (byte* destinationPointer = destination)
            {
                // One call: RocksDB copies the value only when it fits, and reports its size either way.
                NativeMethods.rocksdb_get_into_buffer_cf(
                    _database.Pointer, readOptions, family.NativeHandle,
                    NativeBytes.NonNull(keyPointer), (nuint)key.Length,
                    NativeBytes.NonNull(destinationPointer), (nuint)destination.Length,
                    &valueLength, &found, &error);
            }
        }

        if (error != null)
        {
            NativeError.Throw(error, "get", family, key);
        }

        if (found == 0)
        {
            return -1;
        }

        return valueLength <= int.MaxValue ? (int)valueLength : ThrowValueTooLarge(family, valueLength);
    }

    public override bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, StorageSnapshot? snapshot = null)
        => Get(columnFamily, key, [], snapshot) >= 0; // An empty buffer: the value is looked up exactly, never copied.

    public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteDurability durability = WriteDurability.Default)
    {
        RocksDbColumnFamily family = ColumnFamilyOf(columnFamily);
        ThrowIfReadOnly("write");
        byte* error = null;
        using (HandleLease lease = _database.Lease())
        {
            nint writeOptions = WriteOptionsFor(durability);
            fixed (byte* keyPointer = key)
            fixed (byte* valuePointer = value)
            {
                NativeMethods.rocksdb_put_cf(
                    _database.Pointer, writeOptions, family.NativeHandle,
                    NativeBytes.NonNull(keyPointer), (nuint)key.Length,
                    NativeBytes.NonNull(valuePointer), (nuint)value.Length,
                    &error);
            }
        }

        if (error != null)
        {
            NativeError.Throw(error, "put", family, key);
        }
    }

    // One put, completed: cheaper than the default's batch of one (docs/async.md, "Cost on RocksDB").
    public override ValueTask PutAsync(StorageColumnFamily columnFamily, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, WriteDurability durability = WriteDurability.Default, CancellationToken cancellationToken = default)
        => PutSynchronously(columnFamily, key, value, durability, cancellationToken);

    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, WriteDurability durability = WriteDurability.Default)
    {
        RocksDbColumnFamily family = ColumnFamilyOf(columnFamily);
        ThrowIfReadOnly("delete");
        byte* error = null;
        using (HandleLease lease = _database.Lease())
        {
            nint writeOptions = WriteOptionsFor(durability);
            fixed (byte* keyPointer = key)
            {
                NativeMethods.rocksdb_delete_cf(
                    _database.Pointer, writeOptions, family.NativeHandle, NativeBytes.NonNull(keyPointer), (nuint)key.Length, &error);
            }
        }

        if (error != null)
        {
            NativeError.Throw(error, "delete", family, key);
        }
    }

    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey, WriteDurability durability = WriteDurability.Default)
    {
        RocksDbColumnFamily family = ColumnFamilyOf(columnFamily);
        KeyRangeArguments.ThrowIfReversed(family.Name, startKey, endKey);
        ThrowIfReadOnly("delete a range");
        byte* error = null;
        using (HandleLease lease = _database.Lease())
        {
            nint writeOptions = WriteOptionsFor(durability);
            fixed (byte* startPointer = startKey)
            fixed (byte* endPointer = endKey)
            {
                NativeMethods.rocksdb_delete_range_cf(
                    _database.Pointer, writeOptions, family.NativeHandle,
                    NativeBytes.NonNull(startPointer), (nuint)startKey.Length,
                    NativeBytes.NonNull(endPointer), (nuint)endKey.Length,
                    &error);
            }
        }

        if (error != null)
        {
            NativeError.Throw(error, "delete range", family, startKey);
        }
    }

    public override StorageWriteBatch CreateWriteBatch()
    {
        WriteBatchHandle handle = WriteBatchHandle.Create(_database);
        return new RocksDbWriteBatch(this, handle, Children.Add(handle));
    }

    public override void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default)
    {
        RocksDbWriteBatch nativeBatch = WriteBatchOf(batch);
        ThrowIfReadOnly("write a batch");
        byte* error = null;
        using (HandleLease databaseLease = _database.Lease())
        using (HandleLease batchLease = nativeBatch.Handle.Lease())
        {
            NativeMethods.rocksdb_write(_database.Pointer, WriteOptionsFor(durability), nativeBatch.Handle.Pointer, &error);
        }

        if (error != null)
        {
            NativeError.Throw(error, "batch write");
        }
    }

    public override StorageIterator CreateIterator(
        StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound = default, ReadOnlySpan<byte> upperBound = default, StorageSnapshot? snapshot = null)
    {
        if (OverlayOf(snapshot) is { } overlay)
        {
            return overlay.CreateIterator(columnFamily, lowerBound, upperBound);
        }

        RocksDbColumnFamily family = ColumnFamilyOf(columnFamily);
        KeyRangeArguments.ThrowIfBoundsReversed(family.Name, lowerBound, upperBound);
        SnapshotHandle? snapshotHandle = SnapshotOf(snapshot);

        // The handle takes its own reference on the database before touching the column family handle.
        IteratorHandle handle = IteratorHandle.Create(_database, family.NativeHandle, lowerBound, upperBound, snapshotHandle, _scanReadOptions);
        return new RocksDbIterator(this, handle, Children.Add(handle), family.Name);
    }

    public override StorageSnapshot CreateSnapshot()
    {
        SnapshotHandle handle = SnapshotHandle.Create(_database);
        return new RocksDbSnapshot(this, handle, Children.Add(handle));
    }

    public void Flush()
    {
        using HandleLease lease = _database.Lease();
        if (_readOnly)
        {
            return; // A read-only store has no writes of its own in memory: nothing to flush.
        }

        foreach (ColumnFamilyHandle columnFamily in _openedColumnFamilies)
        {
            byte* error = null;
            NativeMethods.rocksdb_flush_cf(_database.Pointer, _flushOptions.Pointer, columnFamily.Pointer, &error);
            if (error != null)
            {
                NativeError.Throw(error, "flush");
            }
        }
    }

    public void CompactRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey = default, ReadOnlySpan<byte> endKey = default)
    {
        RocksDbColumnFamily family = ColumnFamilyOf(columnFamily);

        // Checked here because the C call reports no status: on a read-only store it would silently do nothing.
        ThrowIfReadOnly("compact");
        using HandleLease lease = _database.Lease();
        fixed (byte* startPointer = startKey)
        fixed (byte* endPointer = endKey)
        {
            // Null (an empty span pins to null) means unbounded on that side, which is what the contract asks.
            NativeMethods.rocksdb_compact_range_cf(
                _database.Pointer, family.NativeHandle, startPointer, (nuint)startKey.Length, endPointer, (nuint)endKey.Length);
        }
    }

    public void CreateCheckpoint(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string target = Path.GetFullPath(directory);
        using HandleLease lease = _database.Lease();
        if (_readOnly)
        {
            // Found by test (docs/operations.md): RocksDB checkpoints a read-only database without the write-ahead log
            // it replayed, so the copy silently misses every write not yet flushed to a table file. Refused instead.
            throw new InvalidOperationException(
                $"Cannot create a checkpoint of the store at '{_path}': it was opened read-only, and a checkpoint of a read-only store would miss the writes its write-ahead log holds. Open it read-write for a checkpoint. Nothing was written to '{target}'.");
        }

        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new StorageEngineException(
                $"Cannot create a checkpoint of the store at '{_path}' in '{target}': that path already exists. A checkpoint needs a new directory.");
        }

        string? parent = Path.GetDirectoryName(target);
        if (parent is not null)
        {
            Directory.CreateDirectory(parent);
        }

        using CheckpointHandle checkpoint = CheckpointHandle.Create(_database);
        byte* error = null;

        // log_size_for_flush = 0: always flush the memtables first, so the copy holds every write even
        // when the WAL is disabled (a checkpoint with DisableWal would otherwise miss unflushed writes).
        NativeMethods.rocksdb_checkpoint_create(checkpoint.Pointer, target, 0, &error);
        if (error != null)
        {
            NativeError.Throw(error, $"checkpoint to '{target}'");
        }
    }

    public string? GetProperty(StorageColumnFamily columnFamily, string name)
    {
        RocksDbColumnFamily family = ColumnFamilyOf(columnFamily);
        ArgumentException.ThrowIfNullOrEmpty(name);
        using HandleLease lease = _database.Lease();
        byte* value = NativeMethods.rocksdb_property_value_cf(_database.Pointer, family.NativeHandle, name);
        if (value == null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)value);
        }
        finally
        {
            NativeMethods.rocksdb_free(value);
        }
    }

    public long EstimateKeyCount(StorageColumnFamily columnFamily)
    {
        RocksDbColumnFamily family = ColumnFamilyOf(columnFamily);
        using HandleLease lease = _database.Lease();
        ulong count;
        fixed (byte* property = "rocksdb.estimate-num-keys\0"u8)
        {
            if (NativeMethods.rocksdb_property_int_cf(_database.Pointer, family.NativeHandle, property, &count) != 0)
            {
                throw new StorageEngineException($"RocksDB did not report 'rocksdb.estimate-num-keys' for column family '{family.Name}'.")
                {
                    Table = family.Name,
                };
            }
        }

        return count <= long.MaxValue ? (long)count : long.MaxValue;
    }

    protected override void Dispose(bool disposing)
    {
        // From a finalizer every SafeHandle releases itself (children first, thanks to their references).
        if (!disposing || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ReleaseTransactionResources();
        Children.CloseAndDisposeAll();
        _database.Dispose();

        // Dispose returns once the LOCK is released and (WAL off) the memtables are flushed: a call still in
        // flight, or a forgotten child whose finalizer is already running, holds the last reference.
        _database.WaitUntilClosed();
        ReleaseTransactionOptions();
        OpenForWriting.TryRemove(Path.TrimEndingDirectorySeparator(_path), out _);
    }

    /// <summary>Checks that <paramref name="columnFamily"/> was opened by this engine.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal RocksDbColumnFamily ColumnFamilyOf(StorageColumnFamily columnFamily)
    {
        if (columnFamily is RocksDbColumnFamily family && ReferenceEquals(family.Engine, this))
        {
            return family;
        }

        return ThrowForeignColumnFamily(columnFamily);
    }

    private SnapshotHandle? SnapshotOf(StorageSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            return null;
        }

        if (snapshot is RocksDbSnapshot rocksDbSnapshot && ReferenceEquals(rocksDbSnapshot.Engine, this))
        {
            return rocksDbSnapshot.Handle;
        }

        throw new ArgumentException("The snapshot was not created by this engine.", nameof(snapshot));
    }

    private RocksDbWriteBatch WriteBatchOf(StorageWriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is RocksDbWriteBatch rocksDbBatch && ReferenceEquals(rocksDbBatch.Engine, this))
        {
            return rocksDbBatch;
        }

        throw new ArgumentException("The write batch was not created by this engine.", nameof(batch));
    }

    /// <summary>The shared write options for a durability; call while holding a lease on the database.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private nint WriteOptionsFor(WriteDurability durability) => durability switch
    {
        WriteDurability.Default => _writeOptions.Pointer,
        WriteDurability.Synced => _syncedWriteOptions.Pointer,
        _ => ThrowUnknownDurability(durability),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ThrowIfReadOnly(string operation)
    {
        if (_readOnly)
        {
            ThrowReadOnly(operation);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowReadOnly(string operation)
    {
        _database.ThrowIfClosed();
        throw new InvalidOperationException(
            $"Cannot {operation}: the store at '{_path}' was opened read-only (StoreOptions.ReadOnly). Nothing was written.");
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RocksDbColumnFamily ThrowForeignColumnFamily(StorageColumnFamily columnFamily)
    {
        ArgumentNullException.ThrowIfNull(columnFamily);
        throw new ArgumentException(
            $"The column family '{columnFamily.Name}' was not opened by this engine; use one from its ColumnFamilies or GetColumnFamily.",
            nameof(columnFamily));
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nint ThrowUnknownDurability(WriteDurability durability)
        => throw new ArgumentOutOfRangeException(nameof(durability), durability, "Unknown write durability.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ThrowValueTooLarge(RocksDbColumnFamily family, nuint length)
        => throw new StorageEngineException($"A value of {length} bytes in column family '{family.Name}' is larger than a span can hold.")
        {
            Table = family.Name,
        };
}
