using Etcdserverpb;
using Google.Protobuf;
using Mvccpb;
using TypedStore.Storage;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// A transaction's commit on etcd: one etcd transaction that applies the writes only if every validated key still has
/// the mod revision it had at the snapshot's revision (0 for a key that was absent, so a key created, changed or
/// deleted since the snapshot fails the compare). Those revisions are read first, at the snapshot's revision, in one
/// request per <see cref="EtcdEngineOptions.MaxTransactionOperations"/> keys.
/// </summary>
internal sealed class EtcdOptimisticWrite : OptimisticWrite
{
    private readonly EtcdStorageEngine _engine;
    private readonly EtcdSnapshot _snapshot;
    private readonly EtcdWriteBatch _batch;
    private readonly List<byte[]> _validated = [];
    private readonly HashSet<byte[]> _seen = new(ByteArrayEquality.Instance);

    public EtcdOptimisticWrite(EtcdStorageEngine engine, EtcdSnapshot snapshot)
    {
        _engine = engine;
        _snapshot = snapshot;
        _batch = new EtcdWriteBatch(engine);
    }

    public override StorageWriteBatch Batch => _batch;

    public override void Validate(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
    {
        byte[] fullKey = _engine.Own(columnFamily).FullKey(key);

        // One compare per key is enough (the runtime may validate a key it both read and wrote twice).
        if (_seen.Add(fullKey))
        {
            _validated.Add(fullKey);
        }
    }

    public override bool TryCommit() => EtcdStorageEngine.Wait(CommitAsync(CancellationToken.None));

    // A transaction's CommitAsync awaits the revision reads and the etcd transaction: no thread waits on the cluster.
    public override ValueTask<bool> TryCommitAsync(CancellationToken cancellationToken = default)
        => cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<bool>(cancellationToken) : new ValueTask<bool>(CommitAsync(cancellationToken));

    private async Task<bool> CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_snapshot.IsDisposed, _snapshot);
        List<RequestOp> plan = EtcdTransactionPlan.Collapse(_batch.Operations);
        List<Compare> compares = new(_validated.Count);
        if (_validated.Count > 0)
        {
            if (_validated.Count + 1 > _engine.Options.MaxTransactionOperations)
            {
                throw new BatchTooLargeException(
                    $"The transaction read or wrote {_validated.Count} keys, and each is one compare of its etcd transaction (plus the engine's commit lane), "
                    + $"but EtcdEngineOptions.MaxTransactionOperations (etcd's --max-txn-ops) is {_engine.Options.MaxTransactionOperations}. Nothing was written.",
                    "EtcdEngineOptions.MaxTransactionOperations",
                    _engine.Options.MaxTransactionOperations,
                    _validated.Count + 1);
            }

            // Keys the transaction point-read through its snapshot are known already; the rest (written blind, or
            // seen by an iterator) are read at the snapshot's revision.
            var unknown = new List<byte[]>();
            foreach (byte[] key in _validated)
            {
                if (!_snapshot.TryRecall(key, out _))
                {
                    unknown.Add(key);
                }
            }

            KeyValue?[] then = unknown.Count == 0 ? [] : await _engine.ReadManyAsync([.. unknown], _snapshot.Revision, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < unknown.Count; i++)
            {
                _snapshot.Remember(unknown[i], then[i]?.ModRevision ?? 0);
            }

            foreach (byte[] key in _validated)
            {
                _ = _snapshot.TryRecall(key, out long modRevision);
                compares.Add(new Compare
                {
                    Key = UnsafeByteOperations.UnsafeWrap(key),
                    Target = Compare.Types.CompareTarget.Mod,
                    Result = Compare.Types.CompareResult.Equal,
                    ModRevision = modRevision,
                });
            }
        }

        return await _engine.CommitAsync(plan, compares, $"transaction of {_batch.Count} writes", cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose() => _batch.Dispose();
}
