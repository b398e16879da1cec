using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using TypedStore.Diagnostics;
using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Reads;
using TypedStore.Storage;
using TypedStore.Storage.Overlay;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <content>
/// The async point reads and counts: <c>GetAsync</c>, <c>ExistsAsync</c>, <c>CountAsync</c>, <c>GetManyAsync</c>. A table
/// whose rows are stored alone (no read features) reads through the engine's async members
/// (<see cref="StorageEngine.TryGetAsync"/>, <see cref="StorageEngine.ReadPageAsync"/>), so an async engine blocks no
/// thread; on RocksDB and memory those complete synchronously and the returned task is complete on return, with
/// nothing allocated but the row. In a transaction its point reads go through the transaction's overlay
/// (<see cref="OverlaySnapshot.TryGetAsync"/>: its own writes, then the engine's async reads at its snapshot). A table
/// with read features (soft-delete markers, expiry filters) reads pages through the engine's async members too
/// (TableReader.FeaturedAsync.cs). Counts and pages in a transaction merge its pending writes with pages read at its
/// snapshot (<see cref="OverlaySnapshot.ReadPageAsync"/>).
/// </content>
public sealed partial class TableReader<TRow, TKey, TCodec>
{
    // CountAsync reads keys a page at a time.
    private const int CountPageEntries = 1024;

    /// <summary>
    /// The async form of <see cref="TryGet{TContext}"/>: <paramref name="found"/> of the row, or the default of
    /// <typeparamref name="TResult"/> when there is none (the generated member makes a struct row nullable there).
    /// </summary>
    public ValueTask<TResult?> GetAsync<TContext, TResult>(in TContext context, TKey key, Func<TRow, TResult> found, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult?>(cancellationToken);
        }

        try
        {
            StorageSnapshot? snapshot = context.Snapshot;
            if (!_plainReads && !ReadsRowsAloneThroughOverlay(snapshot))
            {
                return GetFilteredAsync(key, snapshot, found, cancellationToken);
            }

            ValueTask<(bool Found, TRow? Row)> read = ReadPlainAsync(key, snapshot, decodeRow: true, cancellationToken);
            if (read.IsCompletedSuccessfully)
            {
                (bool isFound, TRow? value) = read.Result;
                return new ValueTask<TResult?>(isFound ? found(value!) : default);
            }

            return RowAsync(read, found);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<TResult?>(error);
        }
    }

    /// <summary>The async form of <see cref="Exists{TContext}"/>.</summary>
    public ValueTask<bool> ExistsAsync<TContext>(in TContext context, TKey key, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        try
        {
            StorageSnapshot? snapshot = context.Snapshot;
            if (!_plainReads && !ReadsRowsAloneThroughOverlay(snapshot))
            {
                return ExistsFilteredAsync(key, snapshot, cancellationToken);
            }

            ValueTask<(bool Found, TRow? Row)> read = ReadPlainAsync(key, snapshot, decodeRow: false, cancellationToken);
            if (read.IsCompletedSuccessfully)
            {
                return new ValueTask<bool>(read.Result.Found);
            }

            return FoundAsync(read);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<bool>(error);
        }
    }

    /// <summary>The async form of <see cref="Count{TContext}"/>: the rows whose encoded key starts with <paramref name="prefix"/>.</summary>
    /// <remarks>Pages of keys read through one snapshot (the context's, or one of its own), so the count is of one moment.</remarks>
    public ValueTask<long> CountAsync<TContext>(in TContext context, ReadOnlySpan<byte> prefix, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<long>(cancellationToken);
        }

        try
        {
            StorageSnapshot? snapshot = context.Snapshot;
            if (!_plainReads)
            {
                return CountFilteredAsync(KeyBounds.ForPrefix(prefix), snapshot, cancellationToken);
            }

            KeyBounds bounds = KeyBounds.ForPrefix(prefix);
            return PagedEntries.CountAsync(_table.Store.Engine, _table.ColumnFamily, bounds.Lower, bounds.Upper, snapshot, CountPageEntries, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<long>(error);
        }
    }

    /// <summary>
    /// The async form of <see cref="GetMany{TContext, TIn, TResult}"/>: a table whose rows are stored alone reads every
    /// key with one <see cref="StorageEngine.GetManyAsync"/> (in a transaction, those its own writes do not decide,
    /// <see cref="OverlaySnapshot.GetManyAsync"/>); other tables run the synchronous read.
    /// </summary>
    public ValueTask<IReadOnlyList<TResult?>> GetManyAsync<TContext, TIn, TResult>(in TContext context, IEnumerable<TIn> keys, Func<TIn, TKey> toKey, Func<TRow, TResult> found, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<IReadOnlyList<TResult?>>(cancellationToken);
        }

        ManyKeys many = default;
        bool rented = false;
        try
        {
            StorageSnapshot? snapshot = context.Snapshot;
            ArgumentNullException.ThrowIfNull(keys);
            ArgumentNullException.ThrowIfNull(toKey);
            ArgumentNullException.ThrowIfNull(found);
            _table.Store.ThrowIfDisposed();
            _table.Metrics.Completed(StoreOperation.GetMany, started: 0);

            // Every key is encoded before anything is read, so a refused key (a null part) reads nothing.
            TKey[] parts = [.. ToKeys(keys, toKey)];
            if (_table.RowReader != RowReader.Plain)
            {
                // Rows merged with what a feature keeps beside them: a page per key through one snapshot.
                return GetManyFilteredAsync(parts, snapshot, found, cancellationToken);
            }
            TResult?[] results = new TResult?[parts.Length];
            if (parts.Length == 0)
            {
                return new ValueTask<IReadOnlyList<TResult?>>(results);
            }

            many = ManyKeys.Rent(parts.Length);
            rented = true;
            EncodeAll(parts, many);
            ValueTask read = StorageEngine.OverlayOf(snapshot) is { } overlay
                ? overlay.GetManyAsync(_table.ColumnFamily, many.Keys.WrittenMemory, many.KeyLengths.AsMemory(0, parts.Length), many.Values, many.ValueLengths.AsMemory(0, parts.Length), cancellationToken)
                : _table.Store.Engine.GetManyAsync(
                    _table.ColumnFamily, many.Keys.WrittenMemory, many.KeyLengths.AsMemory(0, parts.Length), many.Values, many.ValueLengths.AsMemory(0, parts.Length), snapshot, cancellationToken);
            if (!read.IsCompleted)
            {
                rented = false;
                return DecodeAfter(read, parts, many, results, found);
            }

            read.GetAwaiter().GetResult();
            DecodeAll(parts, many, results, present: null, found);
            return new ValueTask<IReadOnlyList<TResult?>>(results);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<IReadOnlyList<TResult?>>(error);
        }
        finally
        {
            if (rented)
            {
                many.Return();
            }
        }
    }

    private async ValueTask<IReadOnlyList<TResult?>> DecodeAfter<TResult>(ValueTask read, TKey[] parts, ManyKeys many, TResult?[] results, Func<TRow, TResult> found)
    {
        try
        {
            await read.ConfigureAwait(false);
            DecodeAll(parts, many, results, present: null, found);
            return results;
        }
        finally
        {
            many.Return();
        }
    }

    /// <summary>
    /// Whether a point read in this view is a transaction's of a table whose features keep nothing beside its rows and
    /// hide none of them (an index, a change feed): the row alone answers, as in a table without features, so it is read
    /// through the overlay's async point read (its own writes first, then its snapshot).
    /// </summary>
    private bool ReadsRowsAloneThroughOverlay(StorageSnapshot? snapshot)
        => _table.RowReader == RowReader.Plain && !_table.HasReadFilters && StorageEngine.OverlayOf(snapshot) is not null;

    private static async ValueTask<bool> FoundAsync(ValueTask<(bool Found, TRow? Row)> read) => (await read.ConfigureAwait(false)).Found;

    private static async ValueTask<TResult?> RowAsync<TResult>(ValueTask<(bool Found, TRow? Row)> read, Func<TRow, TResult> found)
    {
        (bool isFound, TRow? row) = await read.ConfigureAwait(false);
        return isFound ? found(row!) : default;
    }

    // A table without features: the key into a pooled array (it must outlive the call on an async engine), one
    // TryGetAsync into a pooled value buffer (through a transaction's overlay when the view is one); decoded at once
    // when the engine completed synchronously (without decodeRow only whether it was found).
    private ValueTask<(bool Found, TRow? Row)> ReadPlainAsync(TKey key, StorageSnapshot? snapshot, bool decodeRow, CancellationToken cancellationToken)
    {
        StorageEngine engine = _table.Store.Engine;
        long started = TableMetrics.Start();
        byte[] keyBytes;
        int keyLength;
        KeyWriter keyWriter = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            _table.EncodeRowKey(ref keyWriter, key);
            keyLength = keyWriter.Length;
            keyBytes = ArrayPool<byte>.Shared.Rent(keyLength);
            keyWriter.WrittenSpan.CopyTo(keyBytes);
        }
        finally
        {
            keyWriter.Dispose();
        }

        ValueBuffer buffer = ValueBuffer.Rent();
        ValueTask<bool> read;
        try
        {
            read = StorageEngine.OverlayOf(snapshot) is { } overlay
                ? overlay.TryGetAsync(_table.ColumnFamily, keyBytes.AsMemory(0, keyLength), buffer, cancellationToken)
                : engine.TryGetAsync(_table.ColumnFamily, keyBytes.AsMemory(0, keyLength), buffer, snapshot, cancellationToken);
        }
        catch
        {
            Release(keyBytes, buffer);
            throw;
        }

        if (!read.IsCompleted)
        {
            return AwaitRead(read, keyBytes, keyLength, buffer, key, decodeRow, started);
        }

        try
        {
            return new ValueTask<(bool Found, TRow? Row)>(Decode(read.GetAwaiter().GetResult(), keyBytes.AsSpan(0, keyLength), key, buffer, decodeRow, started));
        }
        finally
        {
            Release(keyBytes, buffer);
        }
    }

    private async ValueTask<(bool Found, TRow? Row)> AwaitRead(ValueTask<bool> read, byte[] keyBytes, int keyLength, ValueBuffer buffer, TKey key, bool decodeRow, long started)
    {
        try
        {
            bool found = await read.ConfigureAwait(false);
            return Decode(found, keyBytes.AsSpan(0, keyLength), key, buffer, decodeRow, started);
        }
        finally
        {
            Release(keyBytes, buffer);
        }
    }

    private (bool Found, TRow? Row) Decode(bool found, ReadOnlySpan<byte> encodedKey, in TKey key, ValueBuffer buffer, bool decodeRow, long started)
    {
        (bool Found, TRow? Row) result = default;
        if (found && !_table.ReadHeader(buffer.WrittenSpan, encodedKey).IsDeleted)
        {
            result = (true, decodeRow ? _table.DecodeRow(encodedKey, key, buffer.WrittenMemory) : default);
        }

        _table.Metrics.Completed(StoreOperation.Get, started);
        return result;
    }

    private static void Release(byte[] keyBytes, ValueBuffer buffer)
    {
        ValueBuffer.Return(buffer);
        ArrayPool<byte>.Shared.Return(keyBytes);
    }
}
