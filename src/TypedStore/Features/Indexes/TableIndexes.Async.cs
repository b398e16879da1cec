using TypedStore.Runtime.Contexts;
using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Values;

namespace TypedStore.Features.Indexes;

/// <content>
/// The async unique lookup (<c>ByX.GetAsync</c>) and what the async index reads (<see cref="IndexRowScan{TRow, TKey, TCodec}"/>)
/// share with the synchronous ones: the row key an entry points at, and whether a row's entry is the one read.
/// </content>
public sealed partial class TableIndexes<TRow, TKey, TCodec>
{
    /// <summary>
    /// The async form of <see cref="TryGet{TContext}"/>: the row of unique index <paramref name="index"/> whose entry
    /// prefix is <paramref name="prefix"/>, mapped by <paramref name="found"/>, or the default when there is none. With
    /// <paramref name="pointLookup"/> one async read of the entry and one of its row; otherwise the first row of the
    /// index query under the prefix. In a transaction the point lookup reads through its view (async, its own writes first);
    /// the query under a prefix reads synchronously.
    /// </summary>
    public ValueTask<TResult?> GetAsync<TContext, TResult>(in TContext context, int index, ReadOnlySpan<byte> prefix, bool pointLookup, Func<TRow, TResult> found, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult?>(cancellationToken);
        }

        try
        {
            ArgumentNullException.ThrowIfNull(found);
            StorageSnapshot? snapshot = context.Snapshot;
            _table.Store.ThrowIfDisposed();
            if (!pointLookup || !_unique[index])
            {
                KeyBounds bounds = KeyBounds.ForPrefix(prefix);
                return FirstAsync(new IndexRowScan<TRow, TKey, TCodec>(this, _table, index, bounds.Lower, bounds.Upper, reverse: false, snapshot, firstPageEntries: 1, cancellationToken), found);
            }

            return GetByValueAsync(index, prefix.ToArray(), snapshot, found, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<TResult?>(error);
        }
    }

    /// <summary>The row key an entry's value holds; <see cref="CorruptDataException"/> when it holds none.</summary>
    internal ReadOnlySpan<byte> RowKeyOf(int index, ReadOnlySpan<byte> entry, ReadOnlySpan<byte> value)
        => IndexEntry.TryGetRowKey(entry, value, out ReadOnlySpan<byte> rowKey) ? rowKey : throw CorruptEntry(index, entry, "its value does not give the row key");

    /// <summary>Whether <paramref name="row"/> (stored under <paramref name="rowKey"/>) has <paramref name="entry"/> in index <paramref name="index"/>: a row read after its entry may have changed since.</summary>
    internal bool IsEntryOf(int index, TRow row, ReadOnlySpan<byte> rowKey, ReadOnlySpan<byte> entry)
        => IndexEntry.Create(_table.Descriptor.Name, _indexes[index], _unique[index], row, rowKey, out _, out _).AsSpan().SequenceEqual(entry);

    private static async ValueTask<TResult?> FirstAsync<TResult>(IndexRowScan<TRow, TKey, TCodec> rows, Func<TRow, TResult> found)
    {
        await using (rows.ConfigureAwait(false))
        {
            return await rows.MoveNextAsync().ConfigureAwait(false) ? found(rows.Current) : default;
        }
    }

    // A unique entry keyed by its value: one async read of the entry, one of its row (in the same view).
    private async ValueTask<TResult?> GetByValueAsync<TResult>(int index, byte[] entry, StorageSnapshot? snapshot, Func<TRow, TResult> found, CancellationToken cancellationToken)
    {
        byte[] rowKey;
        ValueBuffer buffer = ValueBuffer.Rent();
        try
        {
            // In a transaction the entry is read through its view: its own writes' entries first, then its snapshot.
            ValueTask<bool> read = StorageEngine.OverlayOf(snapshot) is { } overlay
                ? overlay.TryGetAsync(_columnFamilies[index], entry, buffer, cancellationToken)
                : _table.Store.Engine.TryGetAsync(_columnFamilies[index], entry, buffer, snapshot, cancellationToken);
            if (!await read.ConfigureAwait(false))
            {
                return default;
            }

            rowKey = RowKeyOf(index, entry, buffer.WrittenSpan).ToArray();
        }
        finally
        {
            ValueBuffer.Return(buffer);
        }

        (bool isFound, TRow row) = await _table.Reader.GetAsync(new EngineSnapshotContext(snapshot), _table.DecodeKey(rowKey), static row => (true, row), cancellationToken).ConfigureAwait(false);
        return isFound && IsEntryOf(index, row, rowKey, entry) ? found(row) : default;
    }
}
