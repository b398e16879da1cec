using Etcdserverpb;
using Google.Protobuf;
using Mvccpb;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Etcd.Internal;

/// <summary>The async members, truly asynchronous on etcd: the caller's thread is free while the cluster answers.</summary>
internal sealed partial class EtcdStorageEngine
{
    public override async ValueTask<StorageSnapshot> CreateSnapshotAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        // Counted as pending from before the revision read, so compaction cannot pass the revision it returns.
        Live.BeginPending();
        try
        {
            return new EtcdSnapshot(this, await CurrentRevisionAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            Live.EndPending();
        }
    }

    public override async ValueTask<bool> TryGetAsync(
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> key,
        ValueBuffer destination,
        StorageSnapshot? snapshot = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (OverlayOf(snapshot) is { } overlay)
        {
            return overlay.TryGet(columnFamily, key.Span, destination);
        }

        ArgumentNullException.ThrowIfNull(destination);
        EtcdColumnFamily family = Own(columnFamily);
        KeyValue? found = await ReadOneAsync(family, key.Span, snapshot, keysOnly: false, cancellationToken).ConfigureAwait(false);
        return Append(found, destination);
    }

    public override async ValueTask GetManyAsync(
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> keys,
        ReadOnlyMemory<int> keyLengths,
        ValueBuffer values,
        Memory<int> valueLengths,
        StorageSnapshot? snapshot = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (OverlayOf(snapshot) is not null)
        {
            base.GetMany(columnFamily, keys.Span, keyLengths.Span, values, valueLengths.Span, snapshot);
            return;
        }

        EtcdColumnFamily family = Own(columnFamily);
        ThrowIfGetManyArgumentsInvalid(keys.Span, keyLengths.Span, values, valueLengths.Span);
        byte[][] fullKeys = FullKeys(family, keys.Span, keyLengths.Span);
        KeyValue?[] found = await ReadManyAsync(fullKeys, RevisionOf(snapshot), cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < found.Length; i++)
        {
            int before = values.WrittenCount;
            valueLengths.Span[i] = Append(found[i], values) ? values.WrittenCount - before : -1;
        }
    }

    public override async ValueTask WriteAsync(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await WriteCoreAsync(batch, durability, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask ReadPageAsync(
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> lowerBound,
        ReadOnlyMemory<byte> upperBound,
        bool reverse,
        int maxEntries,
        StoragePage page,
        StorageSnapshot? snapshot = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (OverlayOf(snapshot) is not null)
        {
            await base.ReadPageAsync(columnFamily, lowerBound, upperBound, reverse, maxEntries, page, snapshot, cancellationToken).ConfigureAwait(false);
            return;
        }

        ArgumentNullException.ThrowIfNull(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        EtcdColumnFamily family = Own(columnFamily);
        long revision = RevisionOf(snapshot);
        KeyRangeArguments.ThrowIfBoundsReversed(columnFamily.Name, lowerBound.Span, upperBound.Span);
        page.Clear();
        RangeResponse response = await ReadRangeAsync(family, family.LowerBound(lowerBound.Span), family.UpperBound(upperBound.Span), reverse, maxEntries, revision, cancellationToken)
            .ConfigureAwait(false);
        foreach (KeyValue entry in response.Kvs)
        {
            page.Add(entry.Key.Span[family.Prefix.Length..], entry.Value.Span);
        }

        page.HasMore = response.More;
    }

    /// <summary>Up to <paramref name="limit"/> entries of [<paramref name="start"/>, <paramref name="end"/>) in etcd's keyspace, ascending or descending.</summary>
    public Task<RangeResponse> ReadRangeAsync(EtcdColumnFamily family, byte[] start, byte[] end, bool descending, int limit, long revision, CancellationToken cancellationToken)
    {
        var request = new RangeRequest
        {
            Key = UnsafeByteOperations.UnsafeWrap(start),
            RangeEnd = UnsafeByteOperations.UnsafeWrap(end),
            Limit = limit,
            Revision = revision,
            Serializable = revision == 0 && Options.SerializableReads,
        };
        if (descending)
        {
            // etcd sorts descending only on request (and then sorts the whole range server-side: reverse scans cost more).
            request.SortOrder = RangeRequest.Types.SortOrder.Descend;
            request.SortTarget = RangeRequest.Types.SortTarget.Key;
        }

        return Connection.RangeAsync(request, $"range read in column family '{family.Name}'", cancellationToken);
    }
}
