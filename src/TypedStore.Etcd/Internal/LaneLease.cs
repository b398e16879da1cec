using Etcdserverpb;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// The etcd lease every commit lane of this engine is attached to (docs/scale-out.md, "Lanes of processes that die"):
/// kept alive every third of <see cref="EtcdEngineOptions.LaneLeaseTime"/>, revoked on dispose. A process that dies
/// without disposing stops renewing it, and etcd deletes its lanes when it expires.
/// </summary>
/// <remarks>
/// Why a retry stays safe when the lease is gone: every lane put names the lease, and etcd refuses a transaction that
/// puts with a lease it no longer has ("requested lease not found"), so a lane can never be written again after its
/// lease expired, neither moved by a late retry nor created afresh by one (which would make a first-use compare of
/// mod revision 0 succeed a second time). A retry whose lane vanished therefore fails, and the engine reports the write
/// as applied once or not at all. A lost lease is replaced by a new one (with new lane keys) for later commits.
/// </remarks>
internal sealed class LaneLease : IDisposable
{
    private readonly EtcdStorageEngine _engine;
    private readonly SemaphoreSlim _granting = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Timer? _timer;
    private long _id;
    private int _keepingAlive;
    private long _granted;

    public LaneLease(EtcdStorageEngine engine) => _engine = engine;

    /// <summary>The lease lanes are put with now (0: none yet, or the last one was lost).</summary>
    public long Id => Interlocked.Read(ref _id);

    /// <summary>How many leases this engine has been granted (1 unless one was lost).</summary>
    public long Granted => Interlocked.Read(ref _granted);

    /// <summary>The live lease, granted first when there is none (at open, and after one was lost).</summary>
    public ValueTask<long> CurrentAsync(CancellationToken cancellationToken)
    {
        long id = Id;
        return id != 0 ? ValueTask.FromResult(id) : new ValueTask<long>(GrantAsync(cancellationToken));
    }

    /// <summary>The lease <paramref name="id"/> is gone (etcd refused it, or a keep-alive found it expired): the next commit gets a new one.</summary>
    public void MarkLost(long id) => Interlocked.CompareExchange(ref _id, 0, id);

    private async Task<long> GrantAsync(CancellationToken cancellationToken)
    {
        await _granting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long id = Id;
            if (id != 0)
            {
                return id;
            }

            _engine.ThrowIfDisposed();
            var request = new LeaseGrantRequest { TTL = (long)Math.Ceiling(_engine.Options.LaneLeaseTime.TotalSeconds) };
            LeaseGrantResponse response = await _engine.Connection.LeaseGrantAsync(request, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _granted);
            Interlocked.Exchange(ref _id, response.ID);
            if (_timer is null)
            {
                TimeSpan period = _engine.Options.LaneLeaseTime / 3;
                _timer = new Timer(static state => _ = ((LaneLease)state!).KeepAliveInBackgroundAsync(), this, period, period);

                // Disposed meanwhile (StopRenewing ran before the timer existed): no timer may outlive the engine.
                if (_stopping.IsCancellationRequested)
                {
                    _timer.Dispose();
                }
            }

            return response.ID;
        }
        finally
        {
            _granting.Release();
        }
    }

    /// <summary>
    /// Renews the lease once; marks it lost when etcd says it expired. Returns the lease's remaining seconds (0: lost;
    /// null: no member answered, the next round tries again, and the lease still has most of its time).
    /// </summary>
    public async Task<long?> KeepAliveOnceAsync(CancellationToken cancellationToken)
    {
        long id = Id;
        if (id == 0)
        {
            return 0;
        }

        long? ttl = await _engine.Connection.KeepAliveAsync(id, cancellationToken).ConfigureAwait(false);
        if (ttl <= 0)
        {
            MarkLost(id);
        }

        return ttl;
    }

    private async Task KeepAliveInBackgroundAsync()
    {
        // One round at a time: a slow cluster must not pile up keep-alives.
        if (Interlocked.Exchange(ref _keepingAlive, 1) != 0)
        {
            return;
        }

        try
        {
            _ = await KeepAliveOnceAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // The engine is closing.
        }
        finally
        {
            Volatile.Write(ref _keepingAlive, 0);
        }
    }

    /// <summary>Stops renewing without revoking: what a process that dies leaves behind (tests), and the first step of <see cref="Dispose"/>.</summary>
    public void StopRenewing()
    {
        _stopping.Cancel();
        Volatile.Read(ref _timer)?.Dispose();
    }

    /// <summary>Stops renewing and revokes the lease (best effort, briefly): etcd deletes this engine's lanes with it.</summary>
    public void Dispose()
    {
        StopRenewing();
        long id = Interlocked.Exchange(ref _id, 0);
        if (id != 0)
        {
            try
            {
                using var brief = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                _ = EtcdStorageEngine.Wait(_engine.Connection.LeaseRevokeAsync(new LeaseRevokeRequest { ID = id }, brief.Token));
            }
            catch (Exception error) when (error is StorageEngineException or OperationCanceledException)
            {
                // Unreachable or already expired: the lease expires on its own, and the lanes with it.
            }
        }

        _stopping.Dispose();
    }
}
