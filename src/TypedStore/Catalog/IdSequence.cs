using TypedStore.Runtime.Contexts;

namespace TypedStore.Catalog;

/// <summary>
/// The id sequence of one table with a generated key part. Ids are handed out in increasing order from blocks
/// of <see cref="BlockSize"/>; the end of a block is written to <c>__sequences</c> (a System table, so the
/// write is synced) before the first id of the block is handed out. After a reopen or a crash the sequence
/// resumes after the last reserved block: ids unused in it are skipped, none is ever handed out twice.
/// Thread-safe.
/// </summary>
internal sealed class IdSequence
{
    /// <summary>Ids reserved per synced catalog write.</summary>
    public const long BlockSize = 1000;

    private readonly Lock _lock = new();
    private readonly string _table;
    private readonly CatalogStore.SequencesTable<DirectContext> _records;

    // _next is the next id to hand out; every id below it is taken. Written under _lock, read without it by
    // AdvancePast's fast path (Volatile: 64-bit reads must not tear). _reserved is durable in the catalog.
    private long _next;
    private long _reserved;
    private bool _exhausted;

    public IdSequence(string table, long reserved, CatalogStore.SequencesTable<DirectContext> records)
    {
        _table = table;
        _records = records;
        _reserved = reserved;
        _exhausted = reserved == long.MaxValue;
        _next = _exhausted ? long.MaxValue : reserved + 1;
    }

    /// <summary>The next id: greater than every id handed out or passed to <see cref="AdvancePast"/> before, in this or any earlier session.</summary>
    /// <exception cref="InvalidOperationException">Every id up to <see cref="long.MaxValue"/> has been used.</exception>
    public long Next()
    {
        lock (_lock)
        {
            if (_exhausted)
            {
                throw new InvalidOperationException($"The id sequence of table '{_table}' is exhausted: {long.MaxValue} has been used.");
            }

            long id = _next;
            if (id > _reserved)
            {
                Reserve(id);
            }

            Take(id);
            return id;
        }
    }

    /// <summary>
    /// Makes sure <paramref name="id"/>, written by the caller with an id of its own choosing, is never handed
    /// out later: the sequence moves past it, durably, before the caller writes the row.
    /// </summary>
    public void AdvancePast(long id)
    {
        if (id < Volatile.Read(ref _next))
        {
            return;
        }

        lock (_lock)
        {
            if (_exhausted || id < _next)
            {
                return;
            }

            if (id > _reserved)
            {
                Reserve(id);
            }

            Take(id);
        }
    }

    /// <summary>
    /// Takes over the reservation of another store's sequence (an import, docs/export-format.md): when
    /// <paramref name="reserved"/> is beyond this sequence's, it is recorded as is, and the next id is the one after it,
    /// as the exporting store's would be after a reopen. A reservation at or below this one changes nothing.
    /// </summary>
    public void AdoptReservation(long reserved)
    {
        lock (_lock)
        {
            if (_exhausted || reserved <= _reserved)
            {
                return;
            }

            _records.Put(new CatalogSequenceRecord(_table, reserved));
            _reserved = reserved;
            if (reserved == long.MaxValue)
            {
                _exhausted = true;
                Volatile.Write(ref _next, long.MaxValue);
            }
            else
            {
                Volatile.Write(ref _next, Math.Max(_next, reserved + 1));
            }
        }
    }

    // Called under _lock: every id up to and including 'id' is now used.
    private void Take(long id)
    {
        if (id == long.MaxValue)
        {
            _exhausted = true;
            return;
        }

        Volatile.Write(ref _next, id + 1);
    }

    // Called under _lock: reserves a block starting at 'needed' and makes it durable before any id of it is used.
    private void Reserve(long needed)
    {
        long limit = needed > long.MaxValue - (BlockSize - 1) ? long.MaxValue : needed + (BlockSize - 1);
        _records.Put(new CatalogSequenceRecord(_table, limit));
        _reserved = limit;
    }
}
