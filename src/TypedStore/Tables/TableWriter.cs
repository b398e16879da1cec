using TypedStore.Diagnostics;
using System.Runtime.CompilerServices;
using TypedStore.Features.GeneratedIds;
using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// The writes of one table, written once for every context that writes (<see cref="IWriteContext"/>: the store
/// itself, a batch, later a transaction): put, put-many, delete, prefix delete. Each member begins a
/// <see cref="WriteScope"/> in its context, records into the scope's <see cref="WriteSet"/> through the table's
/// <see cref="WriteTable"/> (which lets the features' interceptors add what they need), and completes it: the store
/// commits through the <see cref="CommitPipeline"/>, a batch keeps the member. No member tests a feature.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
/// <remarks>
/// One shortcut, decided at construction: a table without write interceptors, written directly (a context that
/// commits each write), writes its row with one engine call and no write set (Put, Delete: 0 bytes allocated), and
/// its PutMany encodes rows straight into one engine batch. The context test is a constant per context, so for the
/// store it is the one <c>_plainWrites</c> test it always was, and a batch never takes it.
/// </remarks>
[SkipLocalsInit]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class TableWriter<TRow, TKey, TCodec>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private const int StackKeyLength = TableCore<TRow, TKey, TCodec>.StackKeyLength;
    private const int StackValueLength = TableCore<TRow, TKey, TCodec>.StackValueLength;

    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly StoreRuntime _store;
    private readonly StorageColumnFamily _columnFamily;
    private readonly WriteDurability _durability;
    private readonly WriteTable _writeTable;
    private readonly TableMetrics _metrics;

    // No write interceptors: a direct write is one engine call (decided here, once, not per feature per write).
    private readonly bool _plainWrites;

    // The features that take what they need from a put's row object (an index's entries); null when none.
    private readonly IRowWriteObserver<TRow>[]? _rowObservers;

    // The ids a table with a generated key part keeps ahead of the ids written (PutMany's advanceIds).
    private readonly GeneratedIdSource _generatedIds;

    internal TableWriter(TableCore<TRow, TKey, TCodec> table, bool plainWrites, GeneratedIdSource generatedIds)
    {
        _table = table;
        _store = table.Store;
        _columnFamily = table.ColumnFamily;
        _durability = table.Durability;
        _writeTable = table.WriteTable;
        _metrics = table.Metrics;
        _plainWrites = plainWrites;
        _generatedIds = generatedIds;
        _rowObservers = table.RowObservers;
    }

    /// <summary>Inserts or replaces <paramref name="row"/> in <paramref name="context"/>.</summary>
    /// <remarks>Directly on a plain table: one engine write, nothing allocated (key and value in stack buffers; only a row larger than them rents pooled arrays).</remarks>
    public void Put<TContext>(in TContext context, TRow row)
        where TContext : struct, IWriteContext
    {
        long started = TableMetrics.Start();
        PutRow(context, row);
        _metrics.Completed(StoreOperation.Put, started);
    }

    private void PutRow<TContext>(in TContext context, TRow row)
        where TContext : struct, IWriteContext
    {
        if (context.CommitsEachWrite && _plainWrites)
        {
            PutPlain(row);
            return;
        }

        using WriteScope scope = context.BeginWrite(_durability);
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            RecordPut(scope.Writes, row, ref value, _store.GetUtcNowTicks());
        }
        finally
        {
            value.Dispose();
        }

        scope.Complete();
    }

    /// <summary>
    /// Inserts or replaces every row of <paramref name="rows"/> in <paramref name="context"/> as one member: all of them
    /// or none (a refused row, or a failing enumerator, takes back the rows before it). Directly: one atomic engine write.
    /// </summary>
    /// <remarks>
    /// The rows of one atomic write share one <c>_updated</c> time, read once: one commit has one time. One value
    /// buffer serves every row.
    /// </remarks>
    public void PutMany<TContext>(in TContext context, IEnumerable<TRow> rows)
        where TContext : struct, IWriteContext
        => PutMany(context, rows, advanceIds: false);

    /// <summary>Removes the row with <paramref name="key"/> in <paramref name="context"/> (no error when absent).</summary>
    public void Delete<TContext>(in TContext context, in TKey key)
        where TContext : struct, IWriteContext
    {
        long started = TableMetrics.Start();
        DeleteRow(context, key);
        _metrics.Completed(StoreOperation.Delete, started);
    }

    private void DeleteRow<TContext>(in TContext context, in TKey key)
        where TContext : struct, IWriteContext
    {
        if (context.CommitsEachWrite && _plainWrites)
        {
            DeletePlain(key);
            return;
        }

        using WriteScope scope = context.BeginWrite(_durability);
        RecordDelete(scope.Writes, key);
        scope.Complete();
    }

    /// <summary>Removes, in <paramref name="context"/>, every row whose encoded key starts with <paramref name="prefix"/>, with one range delete.</summary>
    public void DeletePrefix<TContext>(in TContext context, ReadOnlySpan<byte> prefix)
        where TContext : struct, IWriteContext
    {
        if (prefix.IsEmpty)
        {
            throw new ArgumentException("A prefix delete needs a non-empty prefix.", nameof(prefix));
        }

        long started = TableMetrics.Start();
        using (WriteScope scope = context.BeginWrite(_durability))
        {
            RecordDeletePrefix(scope.Writes, prefix);
            scope.Complete();
        }

        _metrics.Completed(StoreOperation.DeleteRange, started);
    }

    /// <summary>
    /// <see cref="PutMany{TContext}(in TContext, IEnumerable{TRow})"/>; with <paramref name="advanceIds"/> (the table
    /// has a generated key part) the generated ids move past the highest id written, once every row is recorded and
    /// before the rows are committed (a refused row records none and moves nothing).
    /// </summary>
    internal void PutMany<TContext>(in TContext context, IEnumerable<TRow> rows, bool advanceIds)
        where TContext : struct, IWriteContext
    {
        ArgumentNullException.ThrowIfNull(rows);
        long started = TableMetrics.Start();
        PutRows(context, rows, advanceIds);
        _metrics.Completed(StoreOperation.PutMany, started);
    }

    private void PutRows<TContext>(in TContext context, IEnumerable<TRow> rows, bool advanceIds)
        where TContext : struct, IWriteContext
    {
        if (context.CommitsEachWrite && _plainWrites)
        {
            PutManyPlain(rows, advanceIds);
            return;
        }

        using WriteScope scope = context.BeginWrite(_durability);
        long highest = RecordPutMany(scope.Writes, rows, advanceIds);
        if (advanceIds && highest != long.MinValue)
        {
            _generatedIds.AdvancePast(highest);
        }

        scope.Complete();
    }

    // Encodes one row (reusing the caller's value writer) and records its put, with what the table's features add.
    private void RecordPut(WriteSet writes, TRow row, ref ValueWriter value, long updatedTicks)
    {
        TableCore<TRow, TKey, TCodec>.ThrowIfNull(row);
        KeyWriter key = new(stackalloc byte[StackKeyLength]);
        try
        {
            _table.EncodeRowKey(ref key, TCodec.GetKey(row));
            value.Reset();
            _table.EncodeValue(ref value, row, ValueFlags.None, updatedTicks);
            int op = _writeTable.RecordPut(writes, key.WrittenSpan, value.WrittenSpan, updatedTicks);
            if (_rowObservers is { } observers)
            {
                foreach (IRowWriteObserver<TRow> observer in observers)
                {
                    observer.OnPut(writes, op, row);
                }
            }
        }
        finally
        {
            key.Dispose();
        }
    }

    // Records every row, all with one _updated (one commit has one time), reusing one value buffer. Returns the
    // highest generated id written when advanceIds (the table has a generated key part), else long.MinValue.
    private long RecordPutMany(WriteSet writes, IEnumerable<TRow> rows, bool advanceIds)
    {
        long updatedTicks = _store.GetUtcNowTicks();
        long highest = long.MinValue;
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            foreach (TRow row in rows)
            {
                RecordPut(writes, row, ref value, updatedTicks);
                if (advanceIds)
                {
                    highest = Math.Max(highest, _table.GeneratedIdKeys!.IdOf(TCodec.GetKey(row)));
                }
            }
        }
        finally
        {
            value.Dispose();
        }

        return highest;
    }

    private void RecordDelete(WriteSet writes, in TKey key)
    {
        KeyWriter keyWriter = new(stackalloc byte[StackKeyLength]);
        try
        {
            _table.EncodeRowKey(ref keyWriter, key);
            _writeTable.RecordDelete(writes, keyWriter.WrittenSpan, _store.GetUtcNowTicks());
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    // One range delete of the prefix's range. A prefix of only 0xFF bytes (the user id Guid.AllBitsSet or
    // long.MaxValue) has no upper bound: the range then ends at KeyBounds.BeyondLongestKey. Deleting the keys an
    // iterator finds instead would miss rows written earlier in the same batch, and rows written between recording
    // and commit: DeleteUser in a batch then left those rows behind.
    private void RecordDeletePrefix(WriteSet writes, ReadOnlySpan<byte> prefix)
    {
        KeyBounds bounds = KeyBounds.ForPrefix(prefix);
        byte[] upper = bounds.Upper.Length > 0 ? bounds.Upper : KeyBounds.BeyondLongestKey;
        _writeTable.RecordDeleteUser(writes, bounds.Lower, upper, _store.GetUtcNowTicks());
    }

    // A plain table's direct Put: one engine write, nothing allocated.
    private void PutPlain(TRow row)
    {
        TableCore<TRow, TKey, TCodec>.ThrowIfNull(row);
        KeyWriter key = new(stackalloc byte[StackKeyLength]);
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            _table.EncodeRowKey(ref key, TCodec.GetKey(row));
            _table.EncodeValue(ref value, row, ValueFlags.None, _store.GetUtcNowTicks());
            _store.Engine.Put(_columnFamily, key.WrittenSpan, value.WrittenSpan, _durability);
        }
        finally
        {
            value.Dispose();
            key.Dispose();
        }
    }

    // A plain table's direct Delete: one engine call.
    private void DeletePlain(in TKey key)
    {
        StorageEngine engine = _store.Engine;
        KeyWriter keyWriter = new(stackalloc byte[StackKeyLength]);
        try
        {
            _table.EncodeRowKey(ref keyWriter, key);
            engine.Delete(_columnFamily, keyWriter.WrittenSpan, _durability);
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    // A plain table's direct PutMany, the bulk-load path: nothing intercepts its rows, so they are encoded straight
    // into the engine batch instead of being copied through a write set first (that copy cost batch100 ~8%).
    private void PutManyPlain(IEnumerable<TRow> rows, bool advanceIds)
    {
        StorageEngine engine = _store.Engine;
        long updatedTicks = _store.GetUtcNowTicks();
        long highest = long.MinValue;
        StorageWriteBatch batch = engine.RentWriteBatch();
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            foreach (TRow row in rows)
            {
                AddPlainPut(batch, row, ref value, updatedTicks);
                if (advanceIds)
                {
                    highest = Math.Max(highest, _table.GeneratedIdKeys!.IdOf(TCodec.GetKey(row)));
                }
            }

            if (batch.Count == 0)
            {
                return;
            }

            if (advanceIds)
            {
                _generatedIds.AdvancePast(highest);
            }

            engine.Write(batch, _durability);
        }
        finally
        {
            value.Dispose();
            engine.ReturnWriteBatch(batch);
        }
    }

    private void AddPlainPut(StorageWriteBatch batch, TRow row, ref ValueWriter value, long updatedTicks)
    {
        TableCore<TRow, TKey, TCodec>.ThrowIfNull(row);
        KeyWriter key = new(stackalloc byte[StackKeyLength]);
        try
        {
            _table.EncodeRowKey(ref key, TCodec.GetKey(row));
            value.Reset();
            _table.EncodeValue(ref value, row, ValueFlags.None, updatedTicks);
            batch.Put(_columnFamily, key.WrittenSpan, value.WrittenSpan);
        }
        finally
        {
            key.Dispose();
        }
    }
}
