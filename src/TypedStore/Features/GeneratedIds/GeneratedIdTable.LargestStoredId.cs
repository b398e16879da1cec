using TypedStore.Features.SoftDelete;
using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Features.GeneratedIds;

/// <content>
/// The largest stored id for the first <c>AppendAsync</c> of a session, over the engine's async pages where the
/// synchronous <c>FindLargestStoredId</c> seeks: with the id first in the key, one reverse page at the end of the table;
/// partitioned, a page of one entry finds each partition (where the synchronous walk seeks to it) and a reverse page
/// ending at the partition's upper bound gives its last row. Deletion markers of a soft-delete table are skipped as
/// <c>SkipToRowBackward</c> skips them.
/// </content>
/// <remarks>
/// The pages read without a snapshot: the load runs under the source's load gate, so no Append of this store moves
/// ids meanwhile, and a row a caller writes with its own id moves the generator past it as it is written
/// (<c>AdvancePast</c>), whichever moment the walk saw.
/// </remarks>
public sealed partial class GeneratedIdTable<TRow, TKey, TCodec>
{
    // A reverse page holds a row and, on a soft-delete table, the marker after it.
    private const int LastRowPageEntries = 2;

    private async ValueTask<long?> FindLargestStoredIdAsync(CancellationToken cancellationToken)
    {
        using StoragePage page = new();
        if (_table.GeneratedIdKeys!.Part == 0)
        {
            return await LastRowIdAsync(page, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }

        long? largest = null;
        byte[]? from = [];
        while (from is not null)
        {
            await _table.Store.Engine.ReadPageAsync(_table.ColumnFamily, from, default, reverse: false, maxEntries: 1, page, snapshot: null, cancellationToken)
                .ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            (byte[] partition, byte[]? next) = PartitionOf(page.GetKey(0));
            long? last = await LastRowIdAsync(page, partition, next ?? ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            if (last is { } id && (largest is null || id > largest))
            {
                largest = id;
            }

            from = next;
        }

        return largest;
    }

    // The partition `key` starts, and where the next one starts (its exclusive upper bound; null when none can follow).
    private (byte[] Partition, byte[]? Next) PartitionOf(ReadOnlySpan<byte> key)
    {
        ReadOnlySpan<byte> prefix = key[..(_table.PartitionPrefixLength(key))];
        byte[] upper = new byte[prefix.Length];
        byte[]? next = KeyRange.TryGetPrefixUpperBound(prefix, upper, out int upperLength) ? upper.AsSpan(0, upperLength).ToArray() : null;
        return (prefix.ToArray(), next);
    }

    // The id of the last row in [lower, upper) (an empty bound is open), reading backwards past deletion markers.
    private async ValueTask<long?> LastRowIdAsync(StoragePage page, ReadOnlyMemory<byte> lower, ReadOnlyMemory<byte> upper, CancellationToken cancellationToken)
    {
        bool softDelete = _table.SoftDelete is not null;
        while (true)
        {
            await _table.Store.Engine.ReadPageAsync(_table.ColumnFamily, lower, upper, reverse: true, LastRowPageEntries, page, snapshot: null, cancellationToken)
                .ConfigureAwait(false);
            for (int i = 0; i < page.Count; i++)
            {
                if (!(softDelete && DeletionMarker.IsMarkerValue(page.GetValue(i))))
                {
                    return _table.GeneratedIdKeys!.IdOf(_table.DecodeKey(page.GetKey(i)));
                }
            }

            if (page.Count == 0 || !page.HasMore)
            {
                return null;
            }

            upper = page.LastKey.ToArray();
        }
    }
}
