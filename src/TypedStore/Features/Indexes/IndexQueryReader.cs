using System.Runtime.CompilerServices;
using TypedStore.Queries;
using TypedStore.Runtime.Contexts;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Features.Indexes;

/// <summary>
/// The queries of one index (docs/indexes.md, "Queries"): a <see cref="QueryRange"/> over the index's column family,
/// whose entries are read in order and whose rows are then read by primary key. What a generated index query
/// (<c>ByX.Scan(...)</c>) runs on.
/// </summary>
/// <remarks>
/// Every walk opens ONE engine iterator bounded to the range and seeks once (to its start, or its end when reversed).
/// Each entry's row is read in the same context as the entry: at a snapshot both come from it; on the store itself a
/// row that changed between the entry and the row read (its entry is no longer this one) is skipped, as it no longer
/// lies in the range. <see cref="Any{TContext}"/> and <see cref="Count{TContext}"/> read entries only: entries change
/// in the same atomic write as their rows, so in one view there is one entry per row. Keys and range deletes are not
/// part of an index query.
/// </remarks>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated row codec.</typeparam>
[SkipLocalsInit]
internal sealed partial class IndexQueryReader<TRow, TKey, TCodec> : QueryReader<TRow>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableIndexes<TRow, TKey, TCodec> _indexes;
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly int _index;
    private readonly string _indexName;

    public IndexQueryReader(TableIndexes<TRow, TKey, TCodec> indexes, TableCore<TRow, TKey, TCodec> table, int index, string indexName)
    {
        _indexes = indexes;
        _table = table;
        _index = index;
        _indexName = indexName;
    }

    internal override string TableName => _table.Descriptor.Name;

    /// <inheritdoc/>
    internal override Diagnostics.TableMetrics Metrics => _table.Metrics;

    internal override ArgumentException KeyRefused(ArgumentException refusal)
        => new($"Table '{TableName}', index '{_indexName}': {refusal.Message}", refusal.ParamName, refusal);

    internal override IEnumerator<TRow> GetEnumerator<TContext>(in TContext context, in QueryRange range)
    {
        _table.Store.ThrowIfDisposed();
        return Rows(context, range);
    }

    internal override bool Any<TContext>(in TContext context, in QueryRange range)
    {
        _table.Store.ThrowIfDisposed();
        if (range.IsEmpty)
        {
            return false;
        }

        using StorageIterator iterator = OpenIterator(range, context.Snapshot);
        iterator.SeekToStart(range.Reverse);
        return iterator.IsValid;
    }

    internal override long Count<TContext>(in TContext context, in QueryRange range)
    {
        _table.Store.ThrowIfDisposed();
        if (range.IsEmpty)
        {
            return 0;
        }

        // Entries only: the iterator steps, nothing is copied or decoded.
        using StorageIterator iterator = OpenIterator(range, context.Snapshot);
        long count = 0;
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            count++;
        }

        return count;
    }

    internal override IEnumerable<TOut> Keys<TContext, TOut>(in TContext context, in QueryRange range, Delegate select)
        => throw new NotSupportedException($"Table '{TableName}', index '{_indexName}': an index query has no Keys(); enumerate its rows.");

    internal override Page<TRow> Page<TContext>(in TContext context, in QueryRange range, int size, string? continuation)
    {
        _table.Store.ThrowIfDisposed();
        QueryRange read = range;
        if (continuation is not null)
        {
            byte[] after = ContinuationToken.Read(TableName, range, continuation, _indexName);
            read = range.Reverse ? range.Before(after) : range.After(after);
        }

        List<TRow> rows = new(Math.Min(size, 1024));
        if (read.IsEmpty)
        {
            return new Page<TRow>(rows, null);
        }

        byte[]? lastEntry = null;
        bool more = false;
        using (StorageIterator iterator = OpenIterator(read, context.Snapshot))
        {
            for (iterator.SeekToStart(read.Reverse); iterator.IsValid; Step(iterator, read.Reverse))
            {
                if (!_indexes.Fetch(context, _index, iterator, out TRow? row))
                {
                    continue;
                }

                if (rows.Count == size)
                {
                    // One more row exists: the page is not the last.
                    more = true;
                    break;
                }

                rows.Add(row!);
                lastEntry = iterator.Key.ToArray();
            }
        }

        return new Page<TRow>(rows, more ? ContinuationToken.Create(TableName, range, lastEntry, _indexName) : null);
    }

    internal override void DeleteRange<TContext>(in TContext context, in QueryRange range)
        => throw new NotSupportedException($"Table '{TableName}', index '{_indexName}': an index query deletes nothing; delete rows through the table (docs/indexes.md, \"Queries\").");

    private IEnumerator<TRow> Rows<TContext>(TContext context, QueryRange range)
        where TContext : struct, IReadContext
    {
        if (range.IsEmpty)
        {
            yield break;
        }

        using StorageIterator iterator = OpenIterator(range, context.Snapshot);
        for (iterator.SeekToStart(range.Reverse); iterator.IsValid; Step(iterator, range.Reverse))
        {
            if (_indexes.Fetch(context, _index, iterator, out TRow? row))
            {
                yield return row!;
            }
        }
    }

    private static void Step(StorageIterator iterator, bool reverse)
    {
        if (reverse)
        {
            iterator.Previous();
        }
        else
        {
            iterator.Next();
        }
    }

    private StorageIterator OpenIterator(in QueryRange range, StorageSnapshot? snapshot)
        => _table.Store.Engine.CreateIterator(_indexes.ColumnFamily(_index), range.Lower, range.Upper, snapshot);
}
