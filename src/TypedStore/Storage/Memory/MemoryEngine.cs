using System.Collections.ObjectModel;
using System.Globalization;
using TypedStore.Values;

namespace TypedStore.Storage.Memory;

/// <summary>
/// The in-memory storage engine: for tests and ephemeral stores. Every column family is a
/// persistent (copy-on-write) AVL tree in unsigned byte order; the engine's state is one
/// immutable version holding every tree's root, replaced atomically by each write.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Writers serialize on a lock and publish a new version; readers never lock, they read
/// the current version once. A batch becomes visible in every column family at once.</item>
/// <item>A snapshot is the version current at its creation (O(1), exact: it sees nothing written later).</item>
/// <item>An iterator always reads the version current at its creation (or its snapshot's), like
/// RocksDB's implicit per-iterator snapshot: writes made while iterating are never seen.</item>
/// <item>Stored keys and values are private copies; <see cref="Get"/> copies into the caller's buffer.</item>
/// <item>Maintenance (<see cref="IStorageMaintenance"/>): <see cref="Flush"/> and <see cref="CompactRange"/> do nothing; <see cref="GetProperty"/> answers the key count and live data bytes exactly; <see cref="CreateCheckpoint"/>
/// throws <see cref="NotSupportedException"/> because there are no files to copy.</item>
/// <item><see cref="GetProperty"/> knows <c>rocksdb.estimate-num-keys</c> (exact); <see cref="EstimateKeyCount"/> is exact.</item>
/// <item>Durability settings have no effect (nothing survives the process), but are validated like RocksDB's.</item>
/// <item>A reversed range (start &gt; end) in <see cref="DeleteRange"/> or in iterator bounds is an
/// <see cref="ArgumentException"/>: RocksDB rejects it too, and deleting nothing would hide the bug.</item>
/// </list>
/// </remarks>
internal sealed class MemoryEngine : StorageEngine, IStorageMaintenance
{
    /// <summary>The key-count property (RocksDB's name, so callers need not know the engine), answered exactly.</summary>
    public const string EstimateNumKeysProperty = "rocksdb.estimate-num-keys";

    /// <summary>The property of a column family's live data bytes (RocksDB's name), answered exactly: every key and value byte.</summary>
    public const string LiveDataSizeProperty = "rocksdb.estimate-live-data-size";

    private readonly Lock writeLock = new();
    private readonly MemoryColumnFamily[] columnFamilies;
    private readonly ReadOnlyCollection<StorageColumnFamily> columnFamilyList;
    private readonly Dictionary<string, MemoryColumnFamily> columnFamiliesByName;
    private readonly bool readOnly;

    // The current version; null once disposed. Replaced only under writeLock, read without it.
    private MemoryEngineState? state;

    private MemoryEngine(IReadOnlyList<string> names, bool readOnly)
    {
        this.readOnly = readOnly;
        columnFamilies = new MemoryColumnFamily[names.Count];
        columnFamiliesByName = new Dictionary<string, MemoryColumnFamily>(names.Count, StringComparer.Ordinal);
        for (var index = 0; index < names.Count; index++)
        {
            var name = names[index];
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"Column family names must not be null or empty (position {index}).", nameof(names));
            }

            var columnFamily = new MemoryColumnFamily(this, name, index);
            if (!columnFamiliesByName.TryAdd(name, columnFamily))
            {
                throw new ArgumentException($"Column family '{name}' is listed more than once.", nameof(names));
            }

            columnFamilies[index] = columnFamily;
        }

        columnFamilyList = new ReadOnlyCollection<StorageColumnFamily>(columnFamilies);
        state = new MemoryEngineState(new AvlNode?[names.Count]);
    }

    /// <summary>Creates an empty engine with these column families (names are case-sensitive and unique).</summary>
    public static MemoryEngine Create(IReadOnlyList<string> columnFamilies, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(columnFamilies);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new MemoryEngine(columnFamilies, options.ReadOnly);
    }

    /// <inheritdoc/>
    public override bool IsReadOnly
    {
        get
        {
            ThrowIfDisposed();
            return readOnly;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<StorageColumnFamily> ColumnFamilies
    {
        get
        {
            ThrowIfDisposed();
            return columnFamilyList;
        }
    }

    private MemoryEngineState CurrentState
        => Volatile.Read(ref state) ?? throw new ObjectDisposedException(nameof(MemoryEngine), "The storage engine has been disposed.");

    /// <inheritdoc/>
    public override StorageColumnFamily GetColumnFamily(string name)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(name);
        return columnFamiliesByName.TryGetValue(name, out var columnFamily)
            ? columnFamily
            : throw new KeyNotFoundException($"Column family '{name}' was not opened; the engine has: {string.Join(", ", columnFamiliesByName.Keys)}.");
    }

    /// <inheritdoc/>
    public override int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination, StorageSnapshot? snapshot = null)
    {
        if (OverlayOf(snapshot) is { } overlay)
        {
            return overlay.Get(columnFamily, key, destination);
        }

        var node = AvlTree.Find(ReadRoot(columnFamily, snapshot), key);
        if (node is null)
        {
            return -1;
        }

        var value = node.Value;
        if (value.Length <= destination.Length)
        {
            value.CopyTo(destination);
        }

        return value.Length;
    }

    /// <inheritdoc/>
    public override bool TryGet(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ValueBuffer destination, StorageSnapshot? snapshot = null)
    {
        if (OverlayOf(snapshot) is { } overlay)
        {
            return overlay.TryGet(columnFamily, key, destination);
        }

        ArgumentNullException.ThrowIfNull(destination);
        var node = AvlTree.Find(ReadRoot(columnFamily, snapshot), key);
        if (node is null)
        {
            return false;
        }

        // The length is known before copying, so one lookup serves any value size.
        var value = node.Value;
        value.CopyTo(destination.GetSpan(value.Length));
        destination.Advance(value.Length);
        return true;
    }

    /// <inheritdoc/>
    public override void GetMany(
        StorageColumnFamily columnFamily,
        ReadOnlySpan<byte> keys,
        ReadOnlySpan<int> keyLengths,
        ValueBuffer values,
        Span<int> valueLengths,
        StorageSnapshot? snapshot = null)
    {
        if (OverlayOf(snapshot) is not null)
        {
            base.GetMany(columnFamily, keys, keyLengths, values, valueLengths, snapshot);
            return;
        }

        // One root read once: every key is looked up in the same immutable version, a consistent view for free.
        var root = ReadRoot(columnFamily, snapshot);
        ThrowIfGetManyArgumentsInvalid(keys, keyLengths, values, valueLengths);
        var offset = 0;
        for (var i = 0; i < keyLengths.Length; i++)
        {
            var node = AvlTree.Find(root, keys.Slice(offset, keyLengths[i]));
            offset += keyLengths[i];
            if (node is null)
            {
                valueLengths[i] = -1;
                continue;
            }

            node.Value.CopyTo(values.GetSpan(node.Value.Length));
            values.Advance(node.Value.Length);
            valueLengths[i] = node.Value.Length;
        }
    }

    /// <inheritdoc/>
    public override bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, StorageSnapshot? snapshot = null)
        => OverlayOf(snapshot) is { } overlay ? overlay.Contains(columnFamily, key) : AvlTree.Find(ReadRoot(columnFamily, snapshot), key) is not null;

    /// <inheritdoc/>
    public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteDurability durability = WriteDurability.Default)
    {
        var index = CheckWrite(columnFamily, durability);

        // Copy outside the lock: the tree takes ownership of these arrays.
        var keyCopy = key.ToArray();
        var valueCopy = value.ToArray();
        lock (writeLock)
        {
            var current = CurrentState;
            Publish(current.With(index, AvlTree.SetItem(current.RootOf(index), keyCopy, valueCopy)));
        }
    }

    // One put, completed: cheaper than the default's batch of one (docs/async.md, "Cost on RocksDB").
    public override ValueTask PutAsync(StorageColumnFamily columnFamily, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, WriteDurability durability = WriteDurability.Default, CancellationToken cancellationToken = default)
        => PutSynchronously(columnFamily, key, value, durability, cancellationToken);

    /// <inheritdoc/>
    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, WriteDurability durability = WriteDurability.Default)
    {
        var index = CheckWrite(columnFamily, durability);
        lock (writeLock)
        {
            var current = CurrentState;
            var root = current.RootOf(index);
            var updated = AvlTree.Remove(root, key);
            if (!ReferenceEquals(updated, root))
            {
                Publish(current.With(index, updated));
            }
        }
    }

    /// <inheritdoc/>
    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey, WriteDurability durability = WriteDurability.Default)
    {
        var index = CheckWrite(columnFamily, durability);
        KeyRangeArguments.ThrowIfReversed(columnFamily.Name, startKey, endKey);
        lock (writeLock)
        {
            var current = CurrentState;
            var root = current.RootOf(index);
            var updated = AvlTree.RemoveRange(root, startKey, endKey);
            if (!ReferenceEquals(updated, root))
            {
                Publish(current.With(index, updated));
            }
        }
    }

    /// <inheritdoc/>
    public override StorageWriteBatch CreateWriteBatch()
    {
        ThrowIfDisposed();
        return new MemoryWriteBatch(this);
    }

    /// <inheritdoc/>
    public override void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not MemoryWriteBatch own || !ReferenceEquals(own.Engine, this))
        {
            throw new ArgumentException("The write batch was created by another engine; create it with this engine's CreateWriteBatch.", nameof(batch));
        }

        var operations = own.Operations;
        CheckWritable(durability);
        if (operations.Count == 0)
        {
            return;
        }

        lock (writeLock)
        {
            ApplyLocked(operations);
        }
    }

    /// <inheritdoc/>
    internal override OptimisticWrite BeginOptimisticWrite(StorageSnapshot snapshot, WriteDurability durability)
    {
        ThrowIfDisposed();
        CheckWritable(durability);
        if (snapshot is not MemorySnapshot own || !ReferenceEquals(own.Engine, this))
        {
            throw new ArgumentException("The snapshot was created by another engine; create it with this engine's CreateSnapshot.", nameof(snapshot));
        }

        return new MemoryOptimisticWrite(this, own);
    }

    /// <summary>
    /// Applies <paramref name="batch"/> when every key of <paramref name="validated"/> holds the same version now as in
    /// <paramref name="snapshot"/>: under the writer lock, so no write can come between the check and the write.
    /// Versions are the stored value arrays (every write stores a new one), so a key rewritten with equal bytes still
    /// counts as changed.
    /// </summary>
    internal bool TryWriteValidated(MemoryWriteBatch batch, MemorySnapshot snapshot, List<(int ColumnFamilyIndex, byte[] Key)> validated)
    {
        ThrowIfDisposed();
        MemoryEngineState then = snapshot.State;
        lock (writeLock)
        {
            MemoryEngineState current = CurrentState;
            foreach ((int index, byte[] key) in validated)
            {
                if (!ReferenceEquals(AvlTree.Find(then.RootOf(index), key)?.Value, AvlTree.Find(current.RootOf(index), key)?.Value))
                {
                    return false;
                }
            }

            if (batch.Operations.Count > 0)
            {
                ApplyLocked(batch.Operations);
            }
        }

        return true;
    }

    // Builds the next version aside and publishes it once: readers see all of the batch or none of it.
    private void ApplyLocked(IReadOnlyList<MemoryBatchOperation> operations)
    {
        var roots = CurrentState.CopyRoots();
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            ref var root = ref roots[operation.ColumnFamilyIndex];
            root = operation.Kind switch
            {
                MemoryBatchOperationKind.Put => AvlTree.SetItem(root, operation.Key, operation.ValueOrEndKey),
                MemoryBatchOperationKind.Delete => AvlTree.Remove(root, operation.Key),
                _ => AvlTree.RemoveRange(root, operation.Key, operation.ValueOrEndKey),
            };
        }

        Publish(new MemoryEngineState(roots));
    }

    /// <inheritdoc/>
    public override StorageIterator CreateIterator(StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound = default, ReadOnlySpan<byte> upperBound = default, StorageSnapshot? snapshot = null)
    {
        if (OverlayOf(snapshot) is { } overlay)
        {
            return overlay.CreateIterator(columnFamily, lowerBound, upperBound);
        }

        var root = ReadRoot(columnFamily, snapshot);
        KeyRangeArguments.ThrowIfBoundsReversed(columnFamily.Name, lowerBound, upperBound);

        return new MemoryIterator(
            this,
            root,
            lowerBound.IsEmpty ? null : lowerBound.ToArray(),
            upperBound.IsEmpty ? null : upperBound.ToArray());
    }

    /// <inheritdoc/>
    public override StorageSnapshot CreateSnapshot() => new MemorySnapshot(this, CurrentState);

    /// <inheritdoc/>
    public void Flush() => ThrowIfDisposed();

    /// <inheritdoc/>
    public void CompactRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey = default, ReadOnlySpan<byte> endKey = default)
    {
        ThrowIfDisposed();
        _ = IndexOf(columnFamily);
    }

    /// <inheritdoc/>
    public void CreateCheckpoint(string directory)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(directory);
        throw new NotSupportedException("The in-memory engine keeps no files, so it cannot write a checkpoint; use a RocksDB store for checkpoints.");
    }

    /// <inheritdoc/>
    public string? GetProperty(StorageColumnFamily columnFamily, string name)
    {
        var root = ReadRoot(columnFamily, snapshot: null);
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            EstimateNumKeysProperty => AvlNode.CountOf(root).ToString(CultureInfo.InvariantCulture),
            LiveDataSizeProperty => LiveBytes(root).ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    // Every key and value byte: what RocksDB's estimate-live-data-size approximates, exactly. Walks the tree (statistics are rare).
    private static long LiveBytes(AvlNode? node)
    {
        long bytes = 0;
        Stack<AvlNode> pending = new();
        if (node is not null)
        {
            pending.Push(node);
        }

        while (pending.TryPop(out AvlNode? current))
        {
            bytes += current.Key.Length + current.Value.Length;
            if (current.Left is not null)
            {
                pending.Push(current.Left);
            }

            if (current.Right is not null)
            {
                pending.Push(current.Right);
            }
        }

        return bytes;
    }

    /// <inheritdoc/>
    public long EstimateKeyCount(StorageColumnFamily columnFamily) => AvlNode.CountOf(ReadRoot(columnFamily, snapshot: null));

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the engine is disposed.</summary>
    public void ThrowIfDisposed() => _ = CurrentState;

    /// <summary>The index of one of this engine's column families; rejects null and foreign ones.</summary>
    public int IndexOf(StorageColumnFamily columnFamily)
    {
        ArgumentNullException.ThrowIfNull(columnFamily);
        if (columnFamily is MemoryColumnFamily own && ReferenceEquals(own.Engine, this))
        {
            return own.Index;
        }

        throw new ArgumentException($"Column family '{columnFamily.Name}' belongs to another engine; use this engine's GetColumnFamily.", nameof(columnFamily));
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        // Under the lock so a concurrent write either completes first or sees the engine disposed.
        lock (writeLock)
        {
            Volatile.Write(ref state, null);
        }
    }

    private AvlNode? ReadRoot(StorageColumnFamily columnFamily, StorageSnapshot? snapshot)
    {
        var current = CurrentState;
        var index = IndexOf(columnFamily);
        if (snapshot is null)
        {
            return current.RootOf(index);
        }

        if (snapshot is not MemorySnapshot own || !ReferenceEquals(own.Engine, this))
        {
            throw new ArgumentException("The snapshot was created by another engine; create it with this engine's CreateSnapshot.", nameof(snapshot));
        }

        return own.State.RootOf(index);
    }

    private int CheckWrite(StorageColumnFamily columnFamily, WriteDurability durability)
    {
        ThrowIfDisposed();
        var index = IndexOf(columnFamily);
        CheckWritable(durability);
        return index;
    }

    private void CheckWritable(WriteDurability durability)
    {
        if (durability is not (WriteDurability.Default or WriteDurability.Synced))
        {
            throw new ArgumentOutOfRangeException(nameof(durability), durability, "Unknown write durability.");
        }

        if (readOnly)
        {
            throw new InvalidOperationException("The storage engine was opened read-only; writes are not allowed.");
        }
    }

    private void Publish(MemoryEngineState next) => Volatile.Write(ref state, next);
}
