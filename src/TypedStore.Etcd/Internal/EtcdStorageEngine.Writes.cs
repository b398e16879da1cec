using Etcdserverpb;
using Google.Protobuf;
using TypedStore.Storage;

namespace TypedStore.Etcd.Internal;

/// <summary>Writes: every one is one etcd transaction, guarded by a commit lane so a retry cannot apply it twice.</summary>
internal sealed partial class EtcdStorageEngine
{
    private long _appliedByEarlierAttempt;

    /// <summary>Commits whose retry found the lane moved: an earlier attempt had been applied and was not applied again.</summary>
    public long AppliedByEarlierAttempt => Interlocked.Read(ref _appliedByEarlierAttempt);

    public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteDurability durability = WriteDurability.Default)
    {
        EtcdColumnFamily family = Own(columnFamily);
        CheckWritable(durability);
        List<RequestOp> plan = [EtcdTransactionPlan.Put(family.FullKey(key), value.ToArray())];
        _ = Wait(CommitAsync(plan, null, $"put in column family '{family.Name}'", CancellationToken.None));
    }

    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, WriteDurability durability = WriteDurability.Default)
    {
        EtcdColumnFamily family = Own(columnFamily);
        CheckWritable(durability);
        List<RequestOp> plan = [new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = UnsafeByteOperations.UnsafeWrap(family.FullKey(key)) } }];
        _ = Wait(CommitAsync(plan, null, $"delete in column family '{family.Name}'", CancellationToken.None));
    }

    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey, WriteDurability durability = WriteDurability.Default)
    {
        EtcdColumnFamily family = Own(columnFamily);
        CheckWritable(durability);
        KeyRangeArguments.ThrowIfReversed(columnFamily.Name, startKey, endKey);
        if (startKey.SequenceEqual(endKey))
        {
            return;
        }

        List<RequestOp> plan =
        [
            new RequestOp
            {
                RequestDeleteRange = new DeleteRangeRequest
                {
                    Key = UnsafeByteOperations.UnsafeWrap(family.FullKey(startKey)),
                    RangeEnd = UnsafeByteOperations.UnsafeWrap(family.FullKey(endKey)),
                },
            },
        ];
        _ = Wait(CommitAsync(plan, null, $"range delete in column family '{family.Name}'", CancellationToken.None));
    }

    public override StorageWriteBatch CreateWriteBatch()
    {
        ThrowIfDisposed();
        return new EtcdWriteBatch(this);
    }

    public override void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default)
        => Wait(WriteCoreAsync(batch, durability, CancellationToken.None));

    private Task WriteCoreAsync(StorageWriteBatch batch, WriteDurability durability, CancellationToken cancellationToken)
    {
        EtcdWriteBatch own = OwnBatch(batch);
        IReadOnlyList<EtcdBatchOperation> operations = own.Operations;
        CheckWritable(durability);
        if (operations.Count == 0)
        {
            return Task.CompletedTask;
        }

        List<RequestOp> plan = EtcdTransactionPlan.Collapse(operations);
        return plan.Count == 0 ? Task.CompletedTask : CommitAsync(plan, null, $"batch of {operations.Count} writes", cancellationToken);
    }

    private EtcdWriteBatch OwnBatch(StorageWriteBatch batch)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not EtcdWriteBatch own || !ReferenceEquals(own.Engine, this))
        {
            throw new ArgumentException("The write batch was created by another engine; create it with this engine's CreateWriteBatch.", nameof(batch));
        }

        return own;
    }

    /// <summary>
    /// Applies <paramref name="plan"/> in one transaction when every compare of <paramref name="compares"/> holds;
    /// returns whether it was applied (always, without compares). Retried on another member when a member fails or
    /// does not answer; the lane's compare makes every attempt after an applied one fail, and its failure branch says so.
    /// </summary>
    public async Task<bool> CommitAsync(List<RequestOp> plan, List<Compare>? compares, string what, CancellationToken cancellationToken)
    {
        PreparedCommit commit = await PrepareCommitAsync(plan, compares, what, cancellationToken).ConfigureAwait(false);
        return await SendCommitAsync(commit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The transaction of a commit, on a rented lane, checked against the limits; nothing is sent yet.</summary>
    internal async ValueTask<PreparedCommit> PrepareCommitAsync(List<RequestOp> plan, List<Compare>? compares, string what, CancellationToken cancellationToken)
    {
        var request = new TxnRequest();
        if (compares is not null)
        {
            request.Compare.AddRange(compares);
        }

        request.Success.AddRange(plan);

        CommitLane lane = await Lanes.RentAsync(cancellationToken).ConfigureAwait(false);
        var laneCompare = new Compare
        {
            Key = UnsafeByteOperations.UnsafeWrap(lane.Key),
            Target = Compare.Types.CompareTarget.Mod,
            Result = Compare.Types.CompareResult.Equal,
            ModRevision = lane.KnownModRevision,
        };
        request.Compare.Add(laneCompare);
        request.Success.Add(new RequestOp
        {
            RequestPut = new PutRequest { Key = UnsafeByteOperations.UnsafeWrap(lane.Key), Lease = lane.LeaseId },
        });
        request.Failure.Add(new RequestOp { RequestRange = new RangeRequest { Key = UnsafeByteOperations.UnsafeWrap(lane.Key), KeysOnly = true } });
        try
        {
            EtcdTransactionPlan.ThrowIfTooLarge(request, Options, what);
        }
        catch
        {
            Lanes.Return(lane);
            throw;
        }

        return new PreparedCommit(request, lane, what);
    }

    /// <summary>
    /// Sends a prepared commit (retried inside the connection) and reads its outcome from the answer: applied now,
    /// applied by an earlier attempt (the lane moved), or refused by the caller's compares (the lane did not move).
    /// </summary>
    internal async Task<bool> SendCommitAsync(PreparedCommit commit, CancellationToken cancellationToken)
    {
        CommitLane lane = commit.Lane;
        TxnResponse response;
        try
        {
            response = await Connection.TxnAsync(commit.Request, commit.What, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageEngineException error) when (EtcdErrors.IsLeaseNotFound(error))
        {
            // The lane's lease expired: etcd refused the whole transaction, so this attempt wrote nothing, but an
            // earlier one of the same commit may have been applied before the lease (and the lane with it) went.
            Lanes.Lease.MarkLost(lane.LeaseId);
            throw LaneLost(commit.What, error);
        }

        // When the send throws otherwise (no answer in time, cancelled, or a refusal after an attempt that may have
        // been applied) the lane's state is unknown: it is not returned to the pool, so it is never used again.
        if (response.Succeeded)
        {
            lane.KnownModRevision = response.Header.Revision;
            Lanes.Return(lane);
            return true;
        }

        RangeResponse laneNow = response.Responses[0].ResponseRange;
        if (laneNow.Kvs.Count == 0)
        {
            // The lane is gone: it was written before its first commit (CommitLanes), and only its lease's expiry deletes
            // it while the engine lives. Whether an earlier attempt was applied can no longer be told; the lane is not
            // used again (etcd would refuse its lease anyway).
            Lanes.Lease.MarkLost(lane.LeaseId);
            throw LaneLost(commit.What, null);
        }

        long laneRevision = laneNow.Kvs[0].ModRevision;
        bool appliedEarlier = laneRevision != lane.KnownModRevision;
        if (appliedEarlier)
        {
            Interlocked.Increment(ref _appliedByEarlierAttempt);
        }

        lane.KnownModRevision = laneRevision;
        Lanes.Return(lane);
        return appliedEarlier;
    }

    private StorageEngineException LaneLost(string what, Exception? inner)
        => new(
            $"The etcd {what} could not be confirmed: this engine's commit lane expired with its lease (EtcdEngineOptions.LaneLeaseTime, "
            + Invariant.Text($"{Options.LaneLeaseTime.TotalSeconds:0.###} s: the process could not renew it for that long, cut off from the cluster or paused). ")
            + "The write was applied once or not at all, never twice: read to find out before writing again. Later writes use a new lease.",
            inner);
}
