using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Features.GeneratedIds;

/// <summary>
/// The members of tables with a <c>[Key(Generated = true)]</c> part: <see cref="Insert{TIdCodec, TContext}"/> assigns the next
/// id of the table's sequence (kept in the catalog, docs/table-kinds.md#catalog), <see cref="Append{TIdCodec, TContext}"/> a
/// stream's next time-ordered id, and <see cref="Put{TIdCodec, TContext}"/>/<see cref="PutMany{TIdCodec, TContext}"/> keep the generated
/// ids ahead of the ids they write, so an id a caller chose is never handed out by a later Insert or Append. The ids
/// themselves are the table's <see cref="GeneratedIdSource"/>. Generated accessors of other tables never reach this
/// object, so their Put pays nothing for it.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class GeneratedIdTable<TRow, TKey, TCodec>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly GeneratedIdSource _ids;

    internal GeneratedIdTable(TableCore<TRow, TKey, TCodec> table, GeneratedIdSource ids)
    {
        _table = table;
        _ids = ids;
    }

    /// <summary>
    /// Writes, in <paramref name="context"/>, <paramref name="row"/> with the next id of the table's sequence as its
    /// generated key part, and returns it as stored. The id is taken at once: an uncommitted batch leaves a gap, never
    /// a duplicate.
    /// </summary>
    /// <typeparam name="TIdCodec">The table's codec again, as a generated-id codec: only a table with a generated key part can call this (checked at compile time).</typeparam>
    /// <typeparam name="TContext">The context the write runs in.</typeparam>
    public TRow Insert<TIdCodec, TContext>(in TContext context, TRow row)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        where TContext : struct, IWriteContext
    {
        TableCore<TRow, TKey, TCodec>.ThrowIfNull(row);
        TRow stored = TIdCodec.WithGeneratedId(row, _ids.NextSequenceId());
        _table.Writer.Put(context, stored);
        return stored;
    }

    /// <summary>
    /// Writes, in <paramref name="context"/>, <paramref name="row"/> with its generated key part set to the next
    /// time-ordered id (greater than every id this table has stored or handed out), and returns the row as stored.
    /// </summary>
    /// <typeparam name="TIdCodec">The table's codec again, as a generated-id codec: only a table with a generated key part can call this (checked at compile time).</typeparam>
    /// <typeparam name="TContext">The context the write runs in.</typeparam>
    public TRow Append<TIdCodec, TContext>(in TContext context, TRow row)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        where TContext : struct, IWriteContext
    {
        TableCore<TRow, TKey, TCodec>.ThrowIfNull(row);
        TRow stored = TIdCodec.WithGeneratedId(row, _ids.NextTimeOrderedId(this, static table => table.FindLargestStoredId()));
        _table.Writer.Put(context, stored);
        return stored;
    }

    /// <summary><see cref="TableWriter{TRow, TKey, TCodec}.Put{TContext}"/>, the generated ids first moved past the row's id.</summary>
    /// <typeparam name="TIdCodec">The table's codec again, as a generated-id codec: only a table with a generated key part can call this (checked at compile time).</typeparam>
    /// <typeparam name="TContext">The context the write runs in.</typeparam>
    public void Put<TIdCodec, TContext>(in TContext context, TRow row)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        where TContext : struct, IWriteContext
    {
        TableCore<TRow, TKey, TCodec>.ThrowIfNull(row);
        _ids.AdvancePast(TIdCodec.GetGeneratedId(TCodec.GetKey(row)));
        _table.Writer.Put(context, row);
    }

    /// <summary>
    /// <see cref="TableWriter{TRow, TKey, TCodec}.PutMany{TContext}(in TContext, IEnumerable{TRow})"/>: the generated ids move past the highest id once
    /// every row is recorded, before the rows are committed (a refused row records none and moves nothing).
    /// </summary>
    /// <typeparam name="TIdCodec">The table's codec again, as a generated-id codec: only a table with a generated key part can call this (checked at compile time).</typeparam>
    /// <typeparam name="TContext">The context the write runs in.</typeparam>
    public void PutMany<TIdCodec, TContext>(in TContext context, IEnumerable<TRow> rows)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        where TContext : struct, IWriteContext
        => _table.Writer.PutMany(context, rows, advanceIds: true);

    /// <summary>
    /// The async form of <see cref="Insert{TIdCodec, TContext}"/>: the id is taken from the catalog's sequence (a new
    /// block of ids, once per <c>IdSequence.BlockSize</c>, is reserved with an awaited, synced catalog write), then the
    /// row's write is awaited. A token already cancelled takes no id and writes nothing.
    /// </summary>
    /// <typeparam name="TIdCodec">The table's codec again, as a generated-id codec.</typeparam>
    /// <typeparam name="TContext">The context the write runs in.</typeparam>
    public ValueTask<TRow> InsertAsync<TIdCodec, TContext>(in TContext context, TRow row, CancellationToken cancellationToken)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        where TContext : struct, IWriteContext
        => PutWithIdAsync<TIdCodec, TContext>(context, row, timeOrdered: false, cancellationToken);

    /// <summary>The async form of <see cref="Append{TIdCodec, TContext}"/>: the id's durable reservation is awaited when it moves, then the row's write.</summary>
    /// <typeparam name="TIdCodec">The table's codec again, as a generated-id codec.</typeparam>
    /// <typeparam name="TContext">The context the write runs in.</typeparam>
    public ValueTask<TRow> AppendAsync<TIdCodec, TContext>(in TContext context, TRow row, CancellationToken cancellationToken)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        where TContext : struct, IWriteContext
        => PutWithIdAsync<TIdCodec, TContext>(context, row, timeOrdered: true, cancellationToken);

    // Insert and Append: the id is taken (a sequence id, or a time-ordered one for streams; completed at once unless a
    // new block or reservation must be written), then the row's write is awaited. A token already cancelled takes no id
    // and writes nothing.
    private ValueTask<TRow> PutWithIdAsync<TIdCodec, TContext>(in TContext context, TRow row, bool timeOrdered, CancellationToken cancellationToken)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        where TContext : struct, IWriteContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TRow>(cancellationToken);
        }

        try
        {
            TableCore<TRow, TKey, TCodec>.ThrowIfNull(row);
            ValueTask<long> id = timeOrdered
                ? _ids.NextTimeOrderedIdAsync(this, static (table, cancellationToken) => table.FindLargestStoredIdAsync(cancellationToken), cancellationToken)
                : _ids.NextSequenceIdAsync(cancellationToken);
            if (!id.IsCompletedSuccessfully)
            {
                return PutAfterIdAsync<TIdCodec, TContext>(context, row, id, cancellationToken);
            }

            TRow stored = TIdCodec.WithGeneratedId(row, id.Result);
            return Stored(_table.Writer.PutAsync(context, stored, cancellationToken), stored);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<TRow>(error);
        }
    }

    // The id needed a catalog write: the context (a struct, passed by reference) is copied to cross the await.
    private async ValueTask<TRow> PutAfterIdAsync<TIdCodec, TContext>(TContext context, TRow row, ValueTask<long> id, CancellationToken cancellationToken)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        where TContext : struct, IWriteContext
    {
        TRow stored = TIdCodec.WithGeneratedId(row, await id.ConfigureAwait(false));
        await _table.Writer.PutAsync(context, stored, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>The async form of <see cref="Put{TIdCodec, TContext}"/>.</summary>
    /// <typeparam name="TIdCodec">The table's codec again, as a generated-id codec.</typeparam>
    /// <typeparam name="TContext">The context the write runs in.</typeparam>
    public ValueTask PutAsync<TIdCodec, TContext>(in TContext context, TRow row, CancellationToken cancellationToken)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        where TContext : struct, IWriteContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            TableCore<TRow, TKey, TCodec>.ThrowIfNull(row);
            _ids.AdvancePast(TIdCodec.GetGeneratedId(TCodec.GetKey(row)));
            return _table.Writer.PutAsync(context, row, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    /// <summary>The async form of <see cref="PutMany{TIdCodec, TContext}"/>.</summary>
    /// <typeparam name="TIdCodec">The table's codec again, as a generated-id codec.</typeparam>
    /// <typeparam name="TContext">The context the write runs in.</typeparam>
    public ValueTask PutManyAsync<TIdCodec, TContext>(in TContext context, IEnumerable<TRow> rows, CancellationToken cancellationToken)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        where TContext : struct, IWriteContext
        => _table.Writer.PutManyAsync(context, rows, advanceIds: true, cancellationToken);

    private static ValueTask<TRow> Stored(ValueTask write, TRow stored)
    {
        if (write.IsCompletedSuccessfully)
        {
            write.GetAwaiter().GetResult();
            return new ValueTask<TRow>(stored);
        }

        return StoredAfter(write, stored);
    }

    private static async ValueTask<TRow> StoredAfter(ValueTask write, TRow stored)
    {
        await write.ConfigureAwait(false);
        return stored;
    }

    // The largest id stored, so ids stay increasing across reopening even when the clock went back meanwhile.
    // Leading ids: the last key. Partitioned ids: the last key of every partition (one seek each).
    private long? FindLargestStoredId()
    {
        TableCore<TRow, TKey, TCodec> table = _table;
        StorageEngine engine = table.Store.Engine;
        using StorageIterator iterator = engine.CreateIterator(table.ColumnFamily);
        GeneratedIdKeys<TKey> ids = table.GeneratedIdKeys!;
        int part = ids.Part;
        if (part == 0)
        {
            iterator.SeekToLast();
            table.RowReader.SkipToRowBackward(iterator);
            return iterator.IsValid ? ids.IdOf(table.DecodeKey(iterator.Key)) : null;
        }

        long? largest = null;
        for (iterator.SeekToFirst(); iterator.IsValid;)
        {
            ReadOnlySpan<byte> key = iterator.Key;
            int prefixLength = table.PartitionPrefixLength(key);
            byte[] upper = new byte[prefixLength];
            if (!KeyRange.TryGetPrefixUpperBound(key[..prefixLength], upper, out int upperLength))
            {
                iterator.SeekToLast();
                table.RowReader.SkipToRowBackward(iterator);
                if (iterator.IsValid)
                {
                    largest = Max(largest, ids.IdOf(table.DecodeKey(iterator.Key)));
                }

                break;
            }

            // The partition's last entry is the last one below its (exclusive) upper bound.
            byte[] next = upper.AsSpan(0, upperLength).ToArray();
            iterator.SeekForPrev(next);
            if (iterator.IsValid && iterator.Key.SequenceEqual(next))
            {
                iterator.Previous();
            }

            table.RowReader.SkipToRowBackward(iterator);
            if (iterator.IsValid)
            {
                largest = Max(largest, ids.IdOf(table.DecodeKey(iterator.Key)));
            }

            iterator.Seek(next);
        }

        return largest;

        static long Max(long? a, long b) => a is { } value && value > b ? value : b;
    }
}
