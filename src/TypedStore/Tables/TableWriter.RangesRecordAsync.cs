using TypedStore.Diagnostics;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <content>
/// <c>ClearAsync</c> and <c>DeleteAsync(query)</c> of a change-feed table in a batch or a transaction: the member records
/// one removal (and one change) per row the range holds, so it must know the rows. It reads their keys first, a page at a
/// time (<see cref="RangeRowWalk"/>) through one snapshot taken with <see cref="StorageEngine.CreateSnapshotAsync"/> (the
/// committed state, as the synchronous member reads it through one iterator), and then records, in one member of the
/// batch, what the synchronous member records: those rows merged in key order with the rows the batch already puts into
/// the range, each removed once with its own change.
/// </content>
/// <remarks>
/// Nothing is recorded until every page is read, so a failed or cancelled read leaves the batch as it was. The batch is
/// one flow's, as it always is: between the pages nothing else records into it.
/// </remarks>
public sealed partial class TableWriter<TRow, TKey, TCodec>
{
    private async ValueTask RecordRowsOfRangeAsync<TContext>(TContext context, byte[] lower, byte[] end, CancellationToken cancellationToken)
        where TContext : struct, IWriteContext
    {
        StorageEngine engine = _store.Engine;
        List<(byte[] Key, bool HasRow)> stored = [];
        using (StorageSnapshot snapshot = await engine.CreateSnapshotAsync(cancellationToken).ConfigureAwait(false))
        using (RangeRowWalk rows = new(_table.Descriptor.Name, engine, _columnFamily, lower, end, markers: _table.SoftDelete is not null, snapshot, PagedEntries.MaxPageEntries))
        {
            while (await rows.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                stored.Add((rows.Key.ToArray(), rows.HasRow));
            }
        }

        _metrics.Completed(StoreOperation.DeleteRange, started: 0);
        RecordRowsOfRange(context, stored, lower, end);
    }

    // RecordRowsOfRange over rows already read: the same merge with the write set's own puts into the range.
    private void RecordRowsOfRange<TContext>(in TContext context, List<(byte[] Key, bool HasRow)> stored, byte[] lower, byte[] end)
        where TContext : struct, IWriteContext
    {
        using WriteScope scope = context.BeginWrite(_durability);
        long utcTicks = _store.GetUtcNowTicks();
        WriteSet writes = scope.Writes;
        List<byte[]> pending = PutsInRange(writes, lower, end);
        int next = 0;
        foreach ((byte[] key, bool hasRow) in stored)
        {
            while (next < pending.Count && pending[next].AsSpan().SequenceCompareTo(key) < 0)
            {
                RecordRowRemoval(writes, pending[next++], hasRow: true, utcTicks);
            }

            bool putHere = next < pending.Count && pending[next].AsSpan().SequenceEqual(key);
            next += putHere ? 1 : 0;

            // An entry without a row (an orphan soft-delete marker) goes too, without a change, unless the set puts the row.
            RecordRowRemoval(writes, key, hasRow || putHere, utcTicks);
        }

        while (next < pending.Count)
        {
            RecordRowRemoval(writes, pending[next++], hasRow: true, utcTicks);
        }

        scope.Complete();
    }
}
