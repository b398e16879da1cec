using System.Buffers;
using TypedStore.Diagnostics;
using TypedStore.Keys;
using TypedStore.Queries;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Reads;
using TypedStore.Storage;
using TypedStore.Storage.Overlay;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <content>
/// The async reads of a table with read features (soft-delete markers, expiry filters, a change feed's module path),
/// and <c>GetEntryAsync</c>, <c>ScanAsync</c> of every table: rows come through the table's <see cref="RowReader"/>
/// over pages of the engine's <see cref="StorageEngine.ReadPageAsync"/> (<see cref="PagedRowCursor"/>), so an async
/// engine blocks no thread and a row and its marker are merged by the code the synchronous reads run. A point read of a
/// soft-delete table is one page of the range [K, K || <see cref="RowReader.RowRangeEnd"/>) (a pooled page): the row
/// and its marker, read together from one view as the synchronous read does with one bounded iterator, found on the page
/// by the <see cref="RowReader"/>; a table whose rows are stored alone (a stream's) reads the row with
/// <see cref="StorageEngine.TryGetAsync"/>; then the read filters. In a transaction the pages and point reads go through
/// its overlay (<see cref="OverlaySnapshot.ReadPageAsync"/>), its own writes merged in.
/// </content>
public sealed partial class TableReader<TRow, TKey, TCodec>
{
    /// <summary>
    /// The async form of <see cref="TryGetEntry{TContext}"/>: the row with its system columns, soft-deleted or not, or
    /// <see langword="null"/> when there is none.
    /// </summary>
    public ValueTask<TableEntry<TRow>?> GetEntryAsync<TContext>(in TContext context, TKey key, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TableEntry<TRow>?>(cancellationToken);
        }

        try
        {
            StorageSnapshot? snapshot = context.Snapshot;
            _table.Store.ThrowIfDisposed();
            ValueTask<FilteredRead> read = ReadFilteredAsync(key, snapshot, decodeRow: true, cancellationToken);
            return read.IsCompletedSuccessfully ? new ValueTask<TableEntry<TRow>?>(EntryOf(read.Result)) : EntryAfter(read);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<TableEntry<TRow>?>(error);
        }
    }

    /// <summary>
    /// The async form of <see cref="Scan{TContext}(in TContext, ReadOnlySpan{byte}, bool, bool)"/>: the rows whose encoded
    /// key starts with <paramref name="prefix"/>, read a page at a time through one snapshot (the context's, or one the
    /// enumeration takes). Lazy: the context's snapshot is read when an enumeration starts.
    /// </summary>
    public IAsyncEnumerable<TRow> ScanAsync<TContext>(in TContext context, ReadOnlySpan<byte> prefix, bool reverse, bool includeDeleted, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        _table.Store.ThrowIfDisposed();
        return new AsyncScan<TContext>(this, context, KeyBounds.ForPrefix(prefix), reverse, includeDeleted, cancellationToken);
    }

    /// <summary>The row's state read through pages: found (no filter hides it), its header, whether deleted, and the row when decoded.</summary>
    private readonly record struct FilteredRead(bool Found, ValueHeader Header, bool Deleted, DateTimeOffset? DeletedAt, TRow? Row);

    private static TableEntry<TRow>? EntryOf(in FilteredRead read)
        => read.Found ? new TableEntry<TRow>(read.Row!, read.Header.Updated, read.Deleted) { Deleted = read.DeletedAt } : null;

    private static async ValueTask<TableEntry<TRow>?> EntryAfter(ValueTask<FilteredRead> read) => EntryOf(await read.ConfigureAwait(false));

    // GetAsync of a table with read features: a row that is found and not deleted.
    private ValueTask<TResult?> GetFilteredAsync<TResult>(TKey key, StorageSnapshot? snapshot, Func<TRow, TResult> found, CancellationToken cancellationToken)
    {
        long started = TableMetrics.Start();
        ValueTask<FilteredRead> read = ReadFilteredAsync(key, snapshot, decodeRow: true, cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            FilteredRead result = read.Result;
            _table.Metrics.Completed(StoreOperation.Get, started);
            return new ValueTask<TResult?>(result.Found && !result.Deleted ? found(result.Row!) : default);
        }

        return GetAfter(read, found, started);
    }

    private async ValueTask<TResult?> GetAfter<TResult>(ValueTask<FilteredRead> read, Func<TRow, TResult> found, long started)
    {
        FilteredRead result = await read.ConfigureAwait(false);
        _table.Metrics.Completed(StoreOperation.Get, started);
        return result.Found && !result.Deleted ? found(result.Row!) : default;
    }

    // ExistsAsync of a table with read features.
    private ValueTask<bool> ExistsFilteredAsync(TKey key, StorageSnapshot? snapshot, CancellationToken cancellationToken)
    {
        ValueTask<FilteredRead> read = ReadFilteredAsync(key, snapshot, decodeRow: false, cancellationToken);
        return read.IsCompletedSuccessfully ? new ValueTask<bool>(read.Result is { Found: true, Deleted: false }) : ExistsAfter(read);
    }

    private static async ValueTask<bool> ExistsAfter(ValueTask<FilteredRead> read) => await read.ConfigureAwait(false) is { Found: true, Deleted: false };

    // CountAsync of a table with read features: the visible rows under the prefix, walked over pages through one snapshot.
    private async ValueTask<long> CountFilteredAsync(KeyBounds bounds, StorageSnapshot? snapshot, CancellationToken cancellationToken)
    {
        using PagedRowWalk<TRow, TKey, TCodec> walk = new(_table, bounds.Lower, bounds.Upper, reverse: false, includeDeleted: false, snapshot, copyValues: false, decodeKeys: false, PagedEntries.MaxPageEntries);
        long count = 0;
        while (await walk.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    // GetManyAsync of a table with read features: one page per key (a row and its marker), every key through one
    // snapshot (the context's, or one taken for the call), as the synchronous GetMany reads them.
    private async ValueTask<IReadOnlyList<TResult?>> GetManyFilteredAsync<TResult>(TKey[] parts, StorageSnapshot? snapshot, Func<TRow, TResult> found, CancellationToken cancellationToken)
    {
        TResult?[] results = new TResult?[parts.Length];
        if (parts.Length == 0)
        {
            return results;
        }

        // Every key is encoded before anything is read, so a refused key (a null part) reads nothing.
        byte[][] ranges = new byte[parts.Length][];
        int[] lengths = new int[parts.Length];
        StorageSnapshot? own = null;
        try
        {
            for (int i = 0; i < parts.Length; i++)
            {
                ranges[i] = EncodeRowRange(parts[i], out lengths[i]);
            }

            own = snapshot is null ? await _table.Store.Engine.CreateSnapshotAsync(cancellationToken).ConfigureAwait(false) : null;
            for (int i = 0; i < parts.Length; i++)
            {
                FilteredRead read = await ReadFilteredAsync(parts[i], ranges[i], lengths[i], snapshot ?? own, decodeRow: true, cancellationToken).ConfigureAwait(false);
                if (read.Found && !read.Deleted)
                {
                    results[i] = found(read.Row!);
                }
            }

            return results;
        }
        finally
        {
            own?.Dispose();
            foreach (byte[]? range in ranges)
            {
                if (range is not null)
                {
                    ArrayPool<byte>.Shared.Return(range);
                }
            }
        }
    }

    // The row with its deleted state (its marker, or its header), unless a read filter hides it. The key is encoded
    // before anything is read, so a refused key reads nothing.
    private ValueTask<FilteredRead> ReadFilteredAsync(TKey key, StorageSnapshot? snapshot, bool decodeRow, CancellationToken cancellationToken)
    {
        byte[] range = EncodeRowRange(key, out int length);
        ValueTask<FilteredRead> read;
        try
        {
            read = ReadFilteredAsync(key, range, length, snapshot, decodeRow, cancellationToken);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(range);
            throw;
        }

        if (read.IsCompleted)
        {
            ArrayPool<byte>.Shared.Return(range);
            return read;
        }

        return ReturnAfter(read, range);
    }

    private static async ValueTask<FilteredRead> ReturnAfter(ValueTask<FilteredRead> read, byte[] range)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(range);
        }
    }

    // A soft-delete table: one page of [K, K || RowRangeEnd), the row and its marker from one view (the synchronous read
    // takes them with one bounded iterator); the RowReader finds the row and its deleted state on the page. A table
    // whose rows are stored alone: the row with TryGetAsync. Then the read filters, as TryReadFiltered applies them.
    private ValueTask<FilteredRead> ReadFilteredAsync(TKey key, byte[] range, int length, StorageSnapshot? snapshot, bool decodeRow, CancellationToken cancellationToken)
    {
        TableCore<TRow, TKey, TCodec> table = _table;
        long now = table.ReadNow();
        RowReader reader = table.RowReader;
        if (reader == RowReader.Plain)
        {
            return ReadAloneAsync(key, range.AsMemory(0, length - 1), snapshot, decodeRow, now, cancellationToken);
        }

        StoragePage page = StoragePagePool.Rent();
        ValueTask read;
        try
        {
            read = OverlaySnapshot.ReadPageThroughAsync(table.Store.Engine, table.ColumnFamily, range.AsMemory(0, length - 1), range.AsMemory(0, length), reverse: false, reader.EntriesPerStep, page, snapshot, cancellationToken);
        }
        catch
        {
            StoragePagePool.Return(page);
            throw;
        }

        if (!read.IsCompletedSuccessfully)
        {
            return PageAfter(read, page, key, range, length, now, decodeRow);
        }

        try
        {
            return new ValueTask<FilteredRead>(FromPage(page, key, range.AsSpan(0, length - 1), now, decodeRow));
        }
        finally
        {
            StoragePagePool.Return(page);
        }
    }

    private async ValueTask<FilteredRead> PageAfter(ValueTask read, StoragePage page, TKey key, byte[] range, int length, long now, bool decodeRow)
    {
        try
        {
            await read.ConfigureAwait(false);
            return FromPage(page, key, range.AsSpan(0, length - 1), now, decodeRow);
        }
        finally
        {
            StoragePagePool.Return(page);
        }
    }

    private FilteredRead FromPage(StoragePage page, in TKey key, ReadOnlySpan<byte> encodedKey, long now, bool decodeRow)
    {
        if (!_table.RowReader.TryReadRow(_table.Descriptor.Name, page, encodedKey, out bool deleted, out long deletedTicks))
        {
            return default;
        }

        return Filter(key, encodedKey, page.GetValueMemory(0), deleted ? new DateTimeOffset(deletedTicks, TimeSpan.Zero) : null, now, decodeRow);
    }

    private async ValueTask<FilteredRead> ReadAloneAsync(TKey key, ReadOnlyMemory<byte> encodedKey, StorageSnapshot? snapshot, bool decodeRow, long now, CancellationToken cancellationToken)
    {
        ValueBuffer buffer = ValueBuffer.Rent();
        try
        {
            // In a transaction the overlay answers: its own writes first, then the snapshot (the key recorded as read).
            ValueTask<bool> read = StorageEngine.OverlayOf(snapshot) is { } overlay
                ? overlay.TryGetAsync(_table.ColumnFamily, encodedKey, buffer, cancellationToken)
                : _table.Store.Engine.TryGetAsync(_table.ColumnFamily, encodedKey, buffer, snapshot, cancellationToken);
            return await read.ConfigureAwait(false)
                ? Filter(key, encodedKey.Span, buffer.WrittenMemory, markerDeletedAt: null, now, decodeRow)
                : default;
        }
        finally
        {
            ValueBuffer.Return(buffer);
        }
    }

    // A found row: hidden by a filter, or found with its deleted state (by the marker beside it, or by its header).
    private FilteredRead Filter(in TKey key, ReadOnlySpan<byte> encodedKey, ReadOnlyMemory<byte> value, DateTimeOffset? markerDeletedAt, long now, bool decodeRow)
    {
        ValueHeader header = _table.ReadHeader(value.Span, encodedKey);
        if (_table.IsHidden(key, header, now))
        {
            return default;
        }

        bool deleted = markerDeletedAt is not null || header.IsDeleted;
        TRow? row = decodeRow ? _table.DecodeRow(encodedKey, key, value) : default;
        return new FilteredRead(true, header, deleted, markerDeletedAt, row);
    }

    // The row key followed by the byte that ends its range, in a pooled array: one array holds both bounds of the point
    // read. The caller returns it to ArrayPool<byte>.Shared.
    private byte[] EncodeRowRange(in TKey key, out int length)
    {
        KeyWriter keyWriter = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            _table.EncodeRowKey(ref keyWriter, key);
            length = keyWriter.Length + 1;
            byte[] range = ArrayPool<byte>.Shared.Rent(length);
            keyWriter.WrittenSpan.CopyTo(range);
            range[length - 1] = _table.RowReader.RowRangeEnd;
            return range;
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    // The rows of a prefix as an async sequence: each enumeration reads the context's snapshot when it starts.
    private sealed class AsyncScan<TContext>(TableReader<TRow, TKey, TCodec> reader, TContext context, KeyBounds bounds, bool reverse, bool includeDeleted, CancellationToken cancellationToken) : IAsyncEnumerable<TRow>
        where TContext : struct, IReadContext
    {
        public IAsyncEnumerator<TRow> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
        {
            TableCore<TRow, TKey, TCodec> table = reader._table;
            table.Store.ThrowIfDisposed();
            table.Metrics.Completed(StoreOperation.Scan, started: 0);
            StorageSnapshot? snapshot = context.Snapshot;
            CancellationToken token = enumeratorToken.CanBeCanceled ? enumeratorToken : cancellationToken;
            if (enumeratorToken.CanBeCanceled && cancellationToken.CanBeCanceled)
            {
                // Both tokens can cancel: checked before each step, as the synchronous view does it.
                return new CheckedBeforeEachStep(new PagedRowScan<TRow, TKey, TCodec>(table, Walk(table, snapshot), enumeratorToken), cancellationToken);
            }

            return new PagedRowScan<TRow, TKey, TCodec>(table, Walk(table, snapshot), token);
        }

        private PagedRowWalk<TRow, TKey, TCodec> Walk(TableCore<TRow, TKey, TCodec> table, StorageSnapshot? snapshot)
            => new(table, bounds.Lower, bounds.Upper, reverse, includeDeleted, snapshot, copyValues: true, decodeKeys: true, firstPageEntries: 32);
    }

    // A second token, checked before each step (a linked source would need disposing).
    private sealed class CheckedBeforeEachStep(IAsyncEnumerator<TRow> inner, CancellationToken cancellationToken) : IAsyncEnumerator<TRow>
    {
        public TRow Current => inner.Current;

        public ValueTask<bool> MoveNextAsync()
            => cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<bool>(cancellationToken) : inner.MoveNextAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
