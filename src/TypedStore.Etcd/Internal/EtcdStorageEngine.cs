using System.Collections.ObjectModel;
using Etcdserverpb;
using Google.Protobuf;
using TypedStore.Storage;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// The engine contract on etcd (docs/scale-out.md). Column families are key prefixes (<see cref="EtcdKeyLayout"/>);
/// every write is one etcd transaction guarded by a commit lane (<see cref="CommitLanes"/>), so it can be retried on
/// another member without applying twice; snapshots and iterators pin a revision; the engine compacts the cluster's
/// history behind the oldest revision any store still reads (<see cref="EtcdCompactor"/>).
/// </summary>
/// <remarks>
/// The synchronous members wait on the asynchronous ones (which use ConfigureAwait(false) throughout, so waiting does
/// not deadlock on a synchronization context).
/// </remarks>
internal sealed partial class EtcdStorageEngine : StorageEngine, IStorageMaintenance
{
    private readonly EtcdColumnFamily[] _families;
    private readonly ReadOnlyCollection<StorageColumnFamily> _familyList;
    private readonly Dictionary<string, EtcdColumnFamily> _familiesByName;
    private readonly bool _readOnly;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EtcdColumnFamily> _storedOnly = new(StringComparer.Ordinal);
    private EtcdCompactor? _compactor;
    private int _disposed;

    private EtcdStorageEngine(EtcdEngineOptions options, IReadOnlyList<string> names, bool readOnly)
    {
        Options = options;
        _readOnly = readOnly;
        Layout = new EtcdKeyLayout(options.KeyPrefix);
        InstanceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

        _families = new EtcdColumnFamily[names.Count];
        _familiesByName = new Dictionary<string, EtcdColumnFamily>(names.Count, StringComparer.Ordinal);
        for (int index = 0; index < names.Count; index++)
        {
            string name = names[index];
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"Column family names must not be null or empty (position {index}).", nameof(names));
            }

            var family = new EtcdColumnFamily(this, name, index, Layout.ColumnFamilyPrefix(name));
            if (!_familiesByName.TryAdd(name, family))
            {
                throw new ArgumentException($"Column family '{name}' is listed more than once.", nameof(names));
            }

            _families[index] = family;
        }

        _familyList = new ReadOnlyCollection<StorageColumnFamily>(_families);
        Connection = new EtcdConnection(options);
        Lanes = new CommitLanes(Layout.LanePrefix(System.Text.Encoding.ASCII.GetBytes(InstanceId)), new LaneLease(this), Connection);
    }

    public EtcdEngineOptions Options { get; }

    public EtcdKeyLayout Layout { get; }

    /// <summary>Unique per open: names this instance's commit lanes and compaction floor.</summary>
    public string InstanceId { get; }

    public CommitLanes Lanes { get; }

    public EtcdConnection Connection { get; }

    public LiveRevisions Live { get; } = new();

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The compactor (null when <see cref="EtcdEngineOptions.CompactionInterval"/> is zero and nothing asked for one).</summary>
    public EtcdCompactor Compactor => _compactor ??= new EtcdCompactor(this);

    public static EtcdStorageEngine Open(EtcdEngineOptions options, IReadOnlyList<string> columnFamilies, StoreOptions storeOptions)
    {
        storeOptions.Validate();
        var engine = new EtcdStorageEngine(options, columnFamilies, storeOptions.ReadOnly);
        try
        {
            engine.Connect();
            if (!engine._readOnly)
            {
                // The lanes' lease now, so the first write pays no extra round trip (a read-only engine has no lanes).
                _ = Wait(engine.Lanes.Lease.CurrentAsync(CancellationToken.None).AsTask());
            }

            engine._compactor = new EtcdCompactor(engine);
            engine._compactor.Start();
            return engine;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    // One read, to fail at open (not at the first write) when the cluster cannot be reached, and to learn the revision.
    private void Connect()
        => Wait(Connection.ConnectAsync(new RangeRequest { Key = UnsafeByteOperations.UnsafeWrap(Layout.StorePrefix), CountOnly = true }));

    public override bool IsReadOnly
    {
        get
        {
            ThrowIfDisposed();
            return _readOnly;
        }
    }

    public override IReadOnlyList<StorageColumnFamily> ColumnFamilies
    {
        get
        {
            ThrowIfDisposed();
            return _familyList;
        }
    }

    public override StorageColumnFamily GetColumnFamily(string name)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(name);
        return _familiesByName.TryGetValue(name, out EtcdColumnFamily? family)
            ? family
            : throw new KeyNotFoundException($"Column family '{name}' was not opened; the engine has: {string.Join(", ", _familiesByName.Keys)}.");
    }

    /// <summary>A family the store holds (it has keys) but this open did not request: the runtime drops or reads it.</summary>
    internal override bool TryGetStoredColumnFamily(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StorageColumnFamily? columnFamily)
    {
        ThrowIfDisposed();
        if (_familiesByName.TryGetValue(name, out EtcdColumnFamily? opened))
        {
            columnFamily = opened;
            return true;
        }

        // One instance per name, as for opened families: overlays and callers compare families by reference.
        EtcdColumnFamily stored = _storedOnly.GetOrAdd(name, static (key, engine) => new EtcdColumnFamily(engine, key, -1, engine.Layout.ColumnFamilyPrefix(key)), this);
        var request = new RangeRequest { Key = UnsafeByteOperations.UnsafeWrap(stored.Prefix), RangeEnd = UnsafeByteOperations.UnsafeWrap(stored.End), CountOnly = true };
        RangeResponse response = Wait(Connection.RangeAsync(request, $"lookup of column family '{name}'", CancellationToken.None));
        columnFamily = response.Count > 0 ? stored : null;
        return columnFamily is not null;
    }

    /// <summary>Deletes every key of a family the store no longer declares.</summary>
    internal override void DropColumnFamily(StorageColumnFamily columnFamily)
    {
        EtcdColumnFamily family = Own(columnFamily);
        CheckWritable(WriteDurability.Default);
        var plan = new List<RequestOp>
        {
            new() { RequestDeleteRange = new DeleteRangeRequest { Key = UnsafeByteOperations.UnsafeWrap(family.Prefix), RangeEnd = UnsafeByteOperations.UnsafeWrap(family.End) } },
        };
        _ = Wait(CommitAsync(plan, null, $"drop of column family '{family.Name}'", CancellationToken.None));
    }

    /// <summary>The column family as this engine's own; refuses null and another engine's.</summary>
    public EtcdColumnFamily Own(StorageColumnFamily columnFamily)
    {
        ArgumentNullException.ThrowIfNull(columnFamily);
        ThrowIfDisposed();
        if (columnFamily is EtcdColumnFamily own && ReferenceEquals(own.Engine, this))
        {
            return own;
        }

        throw new ArgumentException($"Column family '{columnFamily.Name}' belongs to another engine; use this engine's GetColumnFamily.", nameof(columnFamily));
    }

    /// <summary>The revision to read at: the snapshot's, or 0 (the newest) without one.</summary>
    public long RevisionOf(StorageSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            return 0;
        }

        if (snapshot is not EtcdSnapshot own || !ReferenceEquals(own.Engine, this))
        {
            throw new ArgumentException("The snapshot was created by another engine; create it with this engine's CreateSnapshot.", nameof(snapshot));
        }

        ObjectDisposedException.ThrowIf(own.IsDisposed, own);
        return own.Revision;
    }

    public void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);

    public void CheckWritable(WriteDurability durability)
    {
        ThrowIfDisposed();
        if (durability is not (WriteDurability.Default or WriteDurability.Synced))
        {
            throw new ArgumentOutOfRangeException(nameof(durability), durability, "Unknown write durability.");
        }

        if (_readOnly)
        {
            throw new InvalidOperationException("The storage engine was opened read-only; writes are not allowed.");
        }
    }

    /// <summary>Waits for an engine task (the synchronous members).</summary>
    public static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <summary>Waits for an engine task (the synchronous members).</summary>
    public static void Wait(Task task) => task.GetAwaiter().GetResult();

    /// <summary>
    /// For tests: what a process that dies without disposing leaves behind. Stops every timer and drops the connection,
    /// revoking and deleting nothing: the lanes' lease and the compaction floor's expire on their own.
    /// </summary>
    internal void Vanish()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _compactor?.Abandon();
        Lanes.Lease.StopRenewing();
        Connection.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !disposing)
        {
            return;
        }

        _compactor?.Dispose();

        // Revoking the lease deletes this instance's lane keys: they are of no use to anyone once it is gone.
        Lanes.Lease.Dispose();
        Connection.Dispose();
    }
}
