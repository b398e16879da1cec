using System.Globalization;
using Etcdserverpb;
using Google.Protobuf;
using TypedStore.Storage;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// Maintenance on etcd: flushing and range compaction mean nothing (every write is replicated and synced before it is
/// acknowledged; etcd compacts history, not ranges), checkpoints are the cluster's own (<c>etcdctl snapshot save</c>),
/// key counts are exact (a count-only range read). Backups (<see cref="IStorageBackup"/>) are not offered.
/// </summary>
internal sealed partial class EtcdStorageEngine
{
    private const string EstimateNumKeysProperty = "rocksdb.estimate-num-keys";
    private const string LiveDataSizeProperty = "rocksdb.estimate-live-data-size";

    public void Flush() => ThrowIfDisposed();

    public void CompactRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey = default, ReadOnlySpan<byte> endKey = default)
        => _ = Own(columnFamily);

    public void CreateCheckpoint(string directory)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(directory);
        throw new NotSupportedException(
            "The etcd engine keeps its data on the cluster, so it cannot write a checkpoint directory; back the cluster up with 'etcdctl snapshot save', "
            + "or export the store (typedstore export).");
    }

    public string? GetProperty(StorageColumnFamily columnFamily, string name)
    {
        EtcdColumnFamily family = Own(columnFamily);
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            EstimateNumKeysProperty => CountKeys(family).ToString(CultureInfo.InvariantCulture),
            LiveDataSizeProperty => LiveBytes(family).ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    // Every key and value byte of the family (keys without the engine's prefix), exactly: the family is read page by
    // page at one revision. Statistics are rare; this is the only way etcd can say.
    private long LiveBytes(EtcdColumnFamily family)
    {
        long bytes = 0;
        long revision = 0;
        byte[] start = family.Prefix;
        while (true)
        {
            RangeResponse page = Wait(ReadRangeAsync(family, start, family.End, descending: false, Options.PageSize, revision, CancellationToken.None));
            revision = page.Header.Revision;
            foreach (Mvccpb.KeyValue entry in page.Kvs)
            {
                bytes += entry.Key.Length - family.Prefix.Length + entry.Value.Length;
            }

            if (!page.More || page.Kvs.Count == 0)
            {
                return bytes;
            }

            start = [.. page.Kvs[^1].Key.Span, 0x00];
        }
    }

    public long EstimateKeyCount(StorageColumnFamily columnFamily) => CountKeys(Own(columnFamily));

    private long CountKeys(EtcdColumnFamily family)
    {
        var request = new RangeRequest { Key = UnsafeByteOperations.UnsafeWrap(family.Prefix), RangeEnd = UnsafeByteOperations.UnsafeWrap(family.End), CountOnly = true };
        return Wait(Connection.RangeAsync(request, $"key count of column family '{family.Name}'", CancellationToken.None)).Count;
    }
}
