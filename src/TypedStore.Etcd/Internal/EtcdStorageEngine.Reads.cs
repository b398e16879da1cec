using Etcdserverpb;
using Google.Protobuf;
using Mvccpb;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Etcd.Internal;

/// <summary>Point reads, many-key reads, iterators and snapshots.</summary>
internal sealed partial class EtcdStorageEngine
{
    public override int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination, StorageSnapshot? snapshot = null)
    {
        if (OverlayOf(snapshot) is { } overlay)
        {
            return overlay.Get(columnFamily, key, destination);
        }

        KeyValue? found = Wait(ReadOneAsync(Own(columnFamily), key, snapshot, keysOnly: false, CancellationToken.None));
        if (found is null)
        {
            return -1;
        }

        ReadOnlySpan<byte> value = found.Value.Span;
        if (value.Length <= destination.Length)
        {
            value.CopyTo(destination);
        }

        return value.Length;
    }

    public override bool TryGet(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ValueBuffer destination, StorageSnapshot? snapshot = null)
    {
        if (OverlayOf(snapshot) is { } overlay)
        {
            return overlay.TryGet(columnFamily, key, destination);
        }

        ArgumentNullException.ThrowIfNull(destination);
        KeyValue? found = Wait(ReadOneAsync(Own(columnFamily), key, snapshot, keysOnly: false, CancellationToken.None));
        return Append(found, destination);
    }

    public override bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, StorageSnapshot? snapshot = null)
    {
        if (OverlayOf(snapshot) is { } overlay)
        {
            return overlay.Contains(columnFamily, key);
        }

        return Wait(ReadOneAsync(Own(columnFamily), key, snapshot, keysOnly: true, CancellationToken.None)) is not null;
    }

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

        EtcdColumnFamily family = Own(columnFamily);
        ThrowIfGetManyArgumentsInvalid(keys, keyLengths, values, valueLengths);
        byte[][] fullKeys = FullKeys(family, keys, keyLengths);
        KeyValue?[] found = Wait(ReadManyAsync(fullKeys, RevisionOf(snapshot), CancellationToken.None));
        for (int i = 0; i < found.Length; i++)
        {
            int before = values.WrittenCount;
            valueLengths[i] = Append(found[i], values) ? values.WrittenCount - before : -1;
        }
    }

    public override StorageIterator CreateIterator(StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound = default, ReadOnlySpan<byte> upperBound = default, StorageSnapshot? snapshot = null)
    {
        if (OverlayOf(snapshot) is { } overlay)
        {
            return overlay.CreateIterator(columnFamily, lowerBound, upperBound);
        }

        EtcdColumnFamily family = Own(columnFamily);
        long revision = RevisionOf(snapshot);
        KeyRangeArguments.ThrowIfBoundsReversed(columnFamily.Name, lowerBound, upperBound);
        return new EtcdIterator(this, family, family.LowerBound(lowerBound), family.UpperBound(upperBound), revision);
    }

    public override StorageSnapshot CreateSnapshot()
    {
        ThrowIfDisposed();
        Live.BeginPending();
        try
        {
            return new EtcdSnapshot(this, Wait(CurrentRevisionAsync(CancellationToken.None)));
        }
        finally
        {
            Live.EndPending();
        }
    }

    /// <summary>The cluster's current revision, by a linearizable read (every write acknowledged before it is at or below it).</summary>
    public async Task<long> CurrentRevisionAsync(CancellationToken cancellationToken)
    {
        var request = new RangeRequest { Key = UnsafeByteOperations.UnsafeWrap(Layout.MetaPrefix), CountOnly = true };
        RangeResponse response = await Connection.RangeAsync(request, "revision read", cancellationToken).ConfigureAwait(false);
        return response.Header.Revision;
    }

    /// <summary>One key at a revision (0: the newest); null when absent.</summary>
    /// <summary>One key, through <paramref name="snapshot"/> when given (remembering its mod revision there for a commit's compare).</summary>
    public Task<KeyValue?> ReadOneAsync(EtcdColumnFamily family, ReadOnlySpan<byte> key, StorageSnapshot? snapshot, bool keysOnly, CancellationToken cancellationToken)
        => ReadThroughAsync(family, family.FullKey(key), snapshot, RevisionOf(snapshot), keysOnly, cancellationToken);

    private async Task<KeyValue?> ReadThroughAsync(EtcdColumnFamily family, byte[] fullKey, StorageSnapshot? snapshot, long revision, bool keysOnly, CancellationToken cancellationToken)
    {
        KeyValue? found = await ReadOneAsync(family, fullKey, revision, keysOnly, cancellationToken).ConfigureAwait(false);
        (snapshot as EtcdSnapshot)?.Remember(fullKey, found?.ModRevision ?? 0);
        return found;
    }

    /// <summary>One etcd key at a revision (0: the newest); null when absent.</summary>
    public async Task<KeyValue?> ReadOneAsync(EtcdColumnFamily family, byte[] fullKey, long revision, bool keysOnly, CancellationToken cancellationToken)
    {
        var request = new RangeRequest
        {
            Key = UnsafeByteOperations.UnsafeWrap(fullKey),
            Revision = revision,
            KeysOnly = keysOnly,
            Serializable = revision == 0 && Options.SerializableReads,
        };
        RangeResponse response = await Connection.RangeAsync(request, $"read in column family '{family.Name}'", cancellationToken).ConfigureAwait(false);
        return response.Kvs.Count == 0 ? null : response.Kvs[0];
    }

    /// <summary>
    /// Many keys from one view: one transaction of range reads per <see cref="EtcdEngineOptions.MaxTransactionOperations"/>
    /// keys, every one after the first pinned to the first one's revision.
    /// </summary>
    public async Task<KeyValue?[]> ReadManyAsync(byte[][] fullKeys, long revision, CancellationToken cancellationToken)
    {
        var found = new KeyValue?[fullKeys.Length];
        int chunk = Options.MaxTransactionOperations;
        for (int start = 0; start < fullKeys.Length; start += chunk)
        {
            var request = new TxnRequest();
            for (int i = start; i < fullKeys.Length && i < start + chunk; i++)
            {
                request.Success.Add(new RequestOp { RequestRange = new RangeRequest { Key = UnsafeByteOperations.UnsafeWrap(fullKeys[i]), Revision = revision } });
            }

            TxnResponse response = await Connection.TxnAsync(request, "many-key read", cancellationToken).ConfigureAwait(false);
            revision = revision == 0 ? response.Header.Revision : revision;
            for (int i = 0; i < response.Responses.Count; i++)
            {
                RangeResponse range = response.Responses[i].ResponseRange;
                found[start + i] = range.Kvs.Count == 0 ? null : range.Kvs[0];
            }
        }

        return found;
    }

    private static byte[][] FullKeys(EtcdColumnFamily family, ReadOnlySpan<byte> keys, ReadOnlySpan<int> keyLengths)
    {
        var fullKeys = new byte[keyLengths.Length][];
        int offset = 0;
        for (int i = 0; i < keyLengths.Length; i++)
        {
            fullKeys[i] = family.FullKey(keys.Slice(offset, keyLengths[i]));
            offset += keyLengths[i];
        }

        return fullKeys;
    }

    private static bool Append(KeyValue? found, ValueBuffer destination)
    {
        if (found is null)
        {
            return false;
        }

        ReadOnlySpan<byte> value = found.Value.Span;
        value.CopyTo(destination.GetSpan(value.Length));
        destination.Advance(value.Length);
        return true;
    }
}
