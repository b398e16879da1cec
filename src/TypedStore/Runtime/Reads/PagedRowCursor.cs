using System.Runtime.CompilerServices;
using TypedStore.Storage;

namespace TypedStore.Runtime.Reads;

/// <summary>
/// A table's <see cref="IRowCursor"/> (its <see cref="RowReader"/>'s: rows alone, or rows merged with their deletion
/// markers) over pages read with <see cref="StorageEngine.ReadPageAsync"/>: each <see cref="MoveNextAsync"/> first
/// loads the entries the step looks at (<see cref="RowReader.EntriesPerStep"/>), then runs the cursor's synchronous
/// step over them. So the async reads of a featured table merge rows and markers by the same code as its synchronous
/// reads; on RocksDB and memory every step completes synchronously.
/// </summary>
/// <remarks>One cursor is one walk; not thread-safe. Disposing releases the pages.</remarks>
internal sealed class PagedRowCursor : IDisposable
{
    private readonly PagedIterator _pages;
    private readonly IRowCursor _cursor;
    private readonly int _entriesPerStep;

    /// <summary>Opens a walk of [<paramref name="lower"/>, <paramref name="upper"/>) of a table's column family; nothing is read before the first step.</summary>
    public PagedRowCursor(RowReader reader, string table, StorageEngine engine, StorageColumnFamily columnFamily, ReadOnlyMemory<byte> lower, ReadOnlyMemory<byte> upper, bool reverse, StorageSnapshot? snapshot, bool copyValues, int firstPageEntries)
    {
        _entriesPerStep = reader.EntriesPerStep;
        _pages = new PagedIterator(engine, columnFamily, lower, upper, reverse, snapshot, firstPageEntries);
        _cursor = reader.OpenCursor(table, _pages, reverse, copyValues);
    }

    /// <summary>The current step: the row (its key, value, deleted state) or a marker without its row.</summary>
    public IRowCursor Step => _cursor;

    /// <summary>Moves to the next row (or marker without a row); <see langword="false"/> at the end of the range.</summary>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        ValueTask load = _pages.LoadAheadAsync(_entriesPerStep, cancellationToken);
        if (!load.IsCompletedSuccessfully)
        {
            return MoveAfter(load);
        }

        try
        {
            load.GetAwaiter().GetResult();
            return new ValueTask<bool>(_cursor.MoveNext());
        }
        catch (Exception error)
        {
            return ValueTask.FromException<bool>(error);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _cursor.Dispose(); // the cursor owns the iterator

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> MoveAfter(ValueTask load)
    {
        await load.ConfigureAwait(false);
        return _cursor.MoveNext();
    }
}
