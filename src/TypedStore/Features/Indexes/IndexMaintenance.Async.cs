using TypedStore.Features.SoftDelete;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Features.Indexes;

/// <content>
/// The index step on the async commit path: the same replay, entries and unique check as <see cref="BeforeCommit"/>,
/// with every engine read made ahead through the engine's async members (<see cref="IndexCommitReads"/>): one
/// <c>GetManyAsync</c> of the rows the commit's puts and deletes touch (with their deletion markers on a soft-delete
/// table), the rows of each range delete a page at a time (<c>ReadPageAsync</c>) and then one <c>GetManyAsync</c> of
/// them, and after the new entries are known one <c>GetManyAsync</c> per unique index of the values they take. All of it
/// runs under the table's index gate, which the async commit holds across its awaits, so what is read is what the
/// synchronous commit would read: unique checks, races and <c>Verify</c> behave exactly as on the synchronous path.
/// </content>
internal sealed partial class IndexMaintenance<TRow, TKey, TCodec>
{
    // A range delete's rows are paged this many at a time (the first page; PagedEntries grows it).
    private const int RangePageEntries = 256;

    // Reused by each async commit while it holds the gate; cleared on Release.
    private IndexCommitReads? _commitReads;

    /// <inheritdoc/>
    public async ValueTask BeforeCommitAsync(WriteSet writes, StorageWriteBatch batch, CancellationToken cancellationToken)
    {
        StorageEngine engine = _table.Store.Engine;
        IndexCommitReads reads = _commitReads ??= new IndexCommitReads(_indexes.Length);
        reads.WithMarkers = _softDelete;
        List<(byte[] Lower, byte[] Upper)>? ranges = CollectPointsAndRanges(writes, reads);
        if (ranges is not null)
        {
            foreach ((byte[] lower, byte[] upper) in ranges)
            {
                await CollectRangeAsync(engine, lower, upper, reads, cancellationToken).ConfigureAwait(false);
            }
        }

        await reads.Points.ReadAsync(engine, _table.ColumnFamily, cancellationToken).ConfigureAwait(false);
        await reads.Ranged.ReadAsync(engine, _table.ColumnFamily, cancellationToken).ConfigureAwait(false);
        Replay(engine, writes, reads);
        AddEntries(writes, batch);

        foreach (PendingEntry put in _puts)
        {
            if (put.KeyedByValue)
            {
                reads.Entries[put.Index].Add(put.Entry);
            }
        }

        for (int i = 0; i < _indexes.Length; i++)
        {
            await reads.Entries[i].ReadAsync(engine, _columnFamilies[i], cancellationToken).ConfigureAwait(false);
        }

        CheckUnique(engine, _puts, _removed, reads);
    }

    // The keys of the table's puts and deletes, one slot per op in record order (as Replay touches them), and the bounds
    // of its range deletes (not a user's: DeleteUser reads no rows); null when there is none.
    private List<(byte[] Lower, byte[] Upper)>? CollectPointsAndRanges(WriteSet writes, IndexCommitReads reads)
    {
        WriteTable table = _table.WriteTable;
        List<(byte[] Lower, byte[] Upper)>? ranges = null;
        for (int i = 0; i < writes.Count; i++)
        {
            ref readonly WriteOp op = ref writes.Op(i);
            if (!ReferenceEquals(op.Table, table))
            {
                continue;
            }

            if (op.Kind is WriteOpKind.Put or WriteOpKind.Delete)
            {
                AddRow(reads.Points, writes.RowKey(i));
            }
            else if (!(_userTable && op.Change == ChangeKind.DeleteUser))
            {
                (ranges ??= []).Add((writes.Key(i).ToArray(), writes.Value(i).ToArray()));
            }
        }

        return ranges;
    }

    // The rows stored in [lower, upper), a page at a time, as row slots of reads.Ranged (a deletion marker stands for
    // its row, as in the synchronous range walk).
    private async ValueTask CollectRangeAsync(StorageEngine engine, byte[] lower, byte[] upper, IndexCommitReads reads, CancellationToken cancellationToken)
    {
        int rows = 0;
        using PagedEntries pages = new(engine, _table.ColumnFamily, lower, upper, reverse: false, snapshot: null, RangePageEntries);
        while (await pages.ReadNextAsync(cancellationToken).ConfigureAwait(false))
        {
            StoragePage page = pages.Page;
            for (int e = 0; e < page.Count; e++)
            {
                ReadOnlySpan<byte> key = page.GetKey(e);
                bool isMarker = _softDelete && key.Length > 0 && DeletionMarker.IsMarkerValue(page.GetValue(e));
                AddRow(reads.Ranged, isMarker ? key[..^1] : key);
                rows++;
            }
        }

        reads.EndRange(rows);
    }

    private void AddRow(PackedReads reads, ReadOnlySpan<byte> rowKey)
    {
        if (_softDelete)
        {
            reads.AddWithSuffixed(rowKey, DeletionMarker.KeySuffix);
        }
        else
        {
            reads.Add(rowKey);
        }
    }
}
