using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Writes;

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

    // Serializes the catalog writes of reservations, synchronous and async: each writes a mark above the one before,
    // so the durable mark only grows. Not owned by a thread, so an async refill may await its write while holding it;
    // ids within the reserved block are handed out meanwhile (under _lock alone).
    private readonly CommitGate _refill = new();
    private readonly string _table;
    private readonly CatalogStore.SequencesTable<DirectContext> _records;

    // _next is the next id to hand out; every id below it is taken. Written under _lock, read without it by
    // AdvancePast's fast path (Volatile: 64-bit reads must not tear). _reserved is durable in the catalog; it is
    // written under _lock too, after its catalog write, by the holder of _refill.
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
        while (true)
        {
            if (TryTakeNext(out long id))
            {
                return id;
            }

            _refill.Enter();
            try
            {
                Reserve(Volatile.Read(ref _next));
            }
            finally
            {
                _refill.Exit();
            }
        }
    }

    /// <summary>
    /// The async form of <see cref="Next"/>: an id of the reserved block is taken at once (a completed task); the id
    /// that needs a new block awaits the catalog's async write of its mark, so no thread blocks on an async engine.
    /// Concurrent callers get distinct ids, each greater than every id handed out before it was taken.
    /// </summary>
    public ValueTask<long> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return TryTakeNext(out long id) ? new ValueTask<long>(id) : RefillThenNextAsync(cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<long>(error);
        }
    }

    /// <summary>
    /// Makes sure <paramref name="id"/>, written by the caller with an id of its own choosing, is never handed
    /// out later: the sequence moves past it, durably, before the caller writes the row.
    /// </summary>
    public void AdvancePast(long id)
    {
        while (!TryTakePast(id))
        {
            _refill.Enter();
            try
            {
                Reserve(id);
            }
            finally
            {
                _refill.Exit();
            }
        }
    }

    /// <summary>The async form of <see cref="AdvancePast"/>: a new mark, when one is needed, is written with the catalog's async write.</summary>
    public ValueTask AdvancePastAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            return TryTakePast(id) ? default : ReserveThenAdvancePastAsync(id, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    /// <summary>
    /// Takes over the reservation of another store's sequence (an import, docs/export-format.md): when
    /// <paramref name="reserved"/> is beyond this sequence's, it is recorded as is, and the next id is the one after it,
    /// as the exporting store's would be after a reopen. A reservation at or below this one changes nothing.
    /// </summary>
    public void AdoptReservation(long reserved)
    {
        _refill.Enter();
        try
        {
            lock (_lock)
            {
                if (_exhausted || reserved <= _reserved)
                {
                    return;
                }
            }

            _records.Put(new CatalogSequenceRecord(_table, reserved));
            lock (_lock)
            {
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
        finally
        {
            _refill.Exit();
        }
    }

    private async ValueTask<long> RefillThenNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _refill.EnterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await ReserveAsync(Volatile.Read(ref _next), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _refill.Exit();
            }

            // Others may take the new block's ids first (they are handed out in order under _lock): then refill again.
            if (TryTakeNext(out long id))
            {
                return id;
            }
        }
    }

    private async ValueTask ReserveThenAdvancePastAsync(long id, CancellationToken cancellationToken)
    {
        do
        {
            await _refill.EnterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await ReserveAsync(id, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _refill.Exit();
            }
        }
        while (!TryTakePast(id));
    }

    // Takes the next id when it is reserved; false when a block must be reserved first.
    private bool TryTakeNext(out long id)
    {
        lock (_lock)
        {
            if (_exhausted)
            {
                throw new InvalidOperationException($"The id sequence of table '{_table}' is exhausted: {long.MaxValue} has been used.");
            }

            id = _next;
            if (id > _reserved)
            {
                return false;
            }

            Take(id);
            return true;
        }
    }

    // Moves past `id` when it is reserved (or already passed); false when a block must be reserved first.
    private bool TryTakePast(long id)
    {
        if (id < Volatile.Read(ref _next))
        {
            return true;
        }

        lock (_lock)
        {
            if (_exhausted || id < _next)
            {
                return true;
            }

            if (id > _reserved)
            {
                return false;
            }

            Take(id);
            return true;
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

    // Called holding _refill: reserves a block starting at 'needed' (unless it is reserved already) and makes it durable
    // before any id of it is used.
    private void Reserve(long needed)
    {
        if (BlockEnd(needed) is long limit)
        {
            _records.Put(new CatalogSequenceRecord(_table, limit));
            Reserved(limit);
        }
    }

    private async ValueTask ReserveAsync(long needed, CancellationToken cancellationToken)
    {
        if (BlockEnd(needed) is long limit)
        {
            await _records.PutAsync(new CatalogSequenceRecord(_table, limit), cancellationToken).ConfigureAwait(false);
            Reserved(limit);
        }
    }

    // The end of the block to reserve for 'needed', or null when it is reserved already (another refill came first).
    private long? BlockEnd(long needed)
    {
        lock (_lock)
        {
            if (_exhausted || needed <= _reserved)
            {
                return null;
            }
        }

        return needed > long.MaxValue - (BlockSize - 1) ? long.MaxValue : needed + (BlockSize - 1);
    }

    private void Reserved(long limit)
    {
        lock (_lock)
        {
            _reserved = limit;
        }
    }
}
