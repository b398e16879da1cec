using System.Buffers.Binary;
using Etcdserverpb;
using Google.Protobuf;
using TypedStore.Storage;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// Compacts the cluster's history so it never fills up (etcd keeps every revision until compacted, then raises the
/// NOSPACE alarm), and never past a revision any store on the cluster still reads.
/// </summary>
/// <remarks>
/// Compaction is cluster-wide, so the floor is shared: every engine publishes under
/// <see cref="EtcdKeyLayout.CompactionFloorsPrefix"/> the oldest revision its live snapshots and iterators read (or the
/// current revision when there is none), on a lease that expires if the process dies. A round reads the current
/// revision, publishes this engine's floor, reads every floor, and compacts to the lowest of them and of
/// current − <see cref="EtcdEngineOptions.CompactionRetainedRevisions"/>. A floor stays valid after it is published:
/// a snapshot created later reads a revision at least as new. The first publication happens when the engine opens,
/// before it can create a snapshot.
/// </remarks>
internal sealed class EtcdCompactor : IDisposable
{
    private readonly EtcdStorageEngine _engine;
    private readonly byte[] _floorKey;
    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Timer? _timer;
    private long _lease;

    public EtcdCompactor(EtcdStorageEngine engine)
    {
        _engine = engine;
        _floorKey = [.. EtcdKeyLayout.CompactionFloorsPrefix, .. System.Text.Encoding.ASCII.GetBytes(engine.InstanceId)];
    }

    /// <summary>The revision the cluster was last compacted to by this engine (0: never).</summary>
    public long CompactedRevision { get; private set; }

    /// <summary>The floor this engine published last.</summary>
    public long PublishedFloor { get; private set; }

    private TimeSpan LeaseTime => TimeSpan.FromSeconds(Math.Max(30, _engine.Options.CompactionInterval.TotalSeconds * 3));

    /// <summary>
    /// Publishes the engine's floor now and starts the background rounds (when the interval is not zero). A read-only
    /// engine publishes its floor too, and never compacts.
    /// </summary>
    public void Start()
    {
        EtcdStorageEngine.Wait(PublishFloorAsync(CancellationToken.None));
        TimeSpan interval = _engine.Options.CompactionInterval;
        if (interval > TimeSpan.Zero)
        {
            _timer = new Timer(static state => _ = ((EtcdCompactor)state!).RunInBackgroundAsync(), this, interval, interval);
        }
    }

    /// <summary>One round now: returns the revision compacted to, or 0 when nothing could be compacted.</summary>
    public async Task<long> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long? floor = await PublishFloorAsync(cancellationToken).ConfigureAwait(false);
            // A read-only store publishes its floor (so its snapshots are safe from other stores' compaction) but
            // does not compact: compaction changes the cluster.
            if (floor is null || _engine.IsReadOnly)
            {
                return 0;
            }

            long current = _engine.Connection.LastSeenRevision;
            long target = Math.Min(await LowestFloorAsync(cancellationToken).ConfigureAwait(false), current - _engine.Options.CompactionRetainedRevisions);
            if (target <= CompactedRevision || target <= 1)
            {
                return 0;
            }

            try
            {
                await _engine.Connection.CompactAsync(new CompactionRequest { Revision = target }, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageEngineException error) when (error.Message.Contains("compacted", StringComparison.Ordinal))
            {
                // Another engine compacted at least as far already.
            }

            CompactedRevision = target;
            return target;
        }
        finally
        {
            _round.Release();
        }
    }

    private async Task RunInBackgroundAsync()
    {
        if (_round.CurrentCount == 0 || _stopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            _ = await RunOnceAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is StorageEngineException or OperationCanceledException or ObjectDisposedException)
        {
            // The cluster is unreachable or the engine is closing: the next round tries again.
        }
    }

    // Publishes min(live revisions, current) on a fresh lease, then revokes the previous lease. Null when a snapshot is
    // being created (its revision is not known yet): the round then does nothing.
    private async Task<long?> PublishFloorAsync(CancellationToken cancellationToken)
    {
        long current = await _engine.CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
        long? floor = _engine.Live.Floor(current);
        if (floor is null)
        {
            return null;
        }

        LeaseGrantResponse lease = await _engine.Connection.LeaseGrantAsync(new LeaseGrantRequest { TTL = (long)LeaseTime.TotalSeconds }, cancellationToken).ConfigureAwait(false);
        byte[] value = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(value, floor.Value);
        await _engine.Connection.PutAsync(
            new PutRequest { Key = UnsafeByteOperations.UnsafeWrap(_floorKey), Value = UnsafeByteOperations.UnsafeWrap(value), Lease = lease.ID },
            "compaction floor publication",
            cancellationToken).ConfigureAwait(false);
        long previous = _lease;
        _lease = lease.ID;
        PublishedFloor = floor.Value;
        if (previous != 0)
        {
            await RevokeAsync(previous, cancellationToken).ConfigureAwait(false);
        }

        return floor;
    }

    private async Task<long> LowestFloorAsync(CancellationToken cancellationToken)
    {
        var request = new RangeRequest
        {
            Key = UnsafeByteOperations.UnsafeWrap(EtcdKeyLayout.CompactionFloorsPrefix),
            RangeEnd = UnsafeByteOperations.UnsafeWrap(EtcdKeyLayout.PrefixEnd(EtcdKeyLayout.CompactionFloorsPrefix)),
        };
        RangeResponse floors = await _engine.Connection.RangeAsync(request, "compaction floor read", cancellationToken).ConfigureAwait(false);
        long lowest = long.MaxValue;
        foreach (Mvccpb.KeyValue entry in floors.Kvs)
        {
            if (entry.Value.Length == 8)
            {
                lowest = Math.Min(lowest, BinaryPrimitives.ReadInt64BigEndian(entry.Value.Span));
            }
        }

        return lowest;
    }

    private async Task RevokeAsync(long lease, CancellationToken cancellationToken)
    {
        try
        {
            await _engine.Connection.LeaseRevokeAsync(new LeaseRevokeRequest { ID = lease }, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageEngineException)
        {
            // Already expired (or unreachable): it expires on its own.
        }
    }

    /// <summary>Stops the rounds without withdrawing the floor (a process that dies: <see cref="EtcdStorageEngine.Vanish"/>).</summary>
    public void Abandon()
    {
        _stopping.Cancel();
        _timer?.Dispose();
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _timer?.Dispose();

        // Withdraw the floor at once (best effort, briefly), so other stores can compact past it.
        if (_lease != 0 && _round.Wait(TimeSpan.FromSeconds(1)))
        {
            try
            {
                using var brief = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                RevokeAsync(_lease, brief.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // The lease expires on its own.
            }
            finally
            {
                _round.Release();
            }
        }

        _stopping.Dispose();
    }
}
