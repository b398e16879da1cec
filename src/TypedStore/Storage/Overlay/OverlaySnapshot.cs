using TypedStore.Values;

namespace TypedStore.Storage.Overlay;

/// <summary>
/// A snapshot with one reader's pending writes laid over it, and a record of the keys it read: the view of a
/// transaction. Engines hand every read whose snapshot is an overlay to it (<see cref="StorageEngine"/>'s read members
/// check the type once), so every reader above the engine — point reads, many-key reads, iterators, counts, index
/// reads — sees the reader's own writes without knowing it reads through a transaction.
/// </summary>
/// <remarks>
/// <para>Pending writes live per column family in key order (<see cref="OverlayColumnFamily"/>): a later write of a key
/// replaces an earlier one, a range delete removes the pending writes it covers and hides the snapshot's keys in its
/// range. <see cref="Refresh"/> runs before every read, so a subclass can bring the overlay up to date lazily.</para>
/// <para>Keys read from the snapshot (point reads, found or not, and every key an iterator stops on) are recorded in
/// <see cref="ReadKeys"/>, for the commit's validation. Keys served from the reader's own writes are not: the commit
/// validates every key it writes anyway. Not thread-safe, like the transaction it belongs to.</para>
/// </remarks>
internal abstract partial class OverlaySnapshot : StorageSnapshot
{
    private readonly Dictionary<StorageColumnFamily, OverlayColumnFamily> _families = new();

    private StorageSnapshot? _inner;

    /// <param name="engine">The engine the overlay reads.</param>
    /// <param name="inner">The snapshot under the overlay, or <see langword="null"/> to take it at the first read that needs it (<see cref="CreateInner"/>).</param>
    protected OverlaySnapshot(StorageEngine engine, StorageSnapshot? inner)
    {
        Engine = engine;
        _inner = inner;
    }

    /// <summary>The engine the overlay reads.</summary>
    public StorageEngine Engine { get; }

    /// <summary>The engine snapshot under the overlay; taken by the first read that reaches the engine when none was given.</summary>
    public StorageSnapshot Inner => _inner ??= CreateInner();

    /// <summary>The engine snapshot under the overlay when one was given or taken; <see langword="null"/> while no read reached the engine.</summary>
    public StorageSnapshot? InnerIfTaken => _inner;

    /// <summary>Takes the snapshot under the overlay (when none was given to the constructor).</summary>
    protected virtual StorageSnapshot CreateInner() => throw new InvalidOperationException("The overlay has no snapshot.");

    /// <summary>The keys read from <see cref="Inner"/>, per column family.</summary>
    public OverlayKeySet ReadKeys { get; } = new();

    /// <summary>Brings the pending writes up to date; called before every read.</summary>
    protected abstract void Refresh();

    /// <summary>Forgets every pending write (the owner then records them again).</summary>
    protected void ClearWrites()
    {
        foreach (OverlayColumnFamily family in _families.Values)
        {
            family.Clear();
        }
    }

    /// <summary>Records a pending put.</summary>
    internal void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => Family(columnFamily).Set(key, value.ToArray());

    /// <summary>Records a pending delete.</summary>
    internal void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key) => Family(columnFamily).Set(key, null);

    /// <summary>Records a pending delete of every key in [start, end).</summary>
    internal void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end) => Family(columnFamily).DeleteRange(start, end);

    /// <summary>
    /// Reads <paramref name="key"/> as the overlay stands now: no <see cref="Refresh"/>, nothing recorded as read. For
    /// the owner's <see cref="Refresh"/> itself, which derives entries of its own (an index's) from the rows it lays over.
    /// </summary>
    internal bool TryGetCurrent(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ValueBuffer destination)
    {
        if (TryAnswerPending(columnFamily, key, destination, out bool pending))
        {
            return pending;
        }

        if (TryGetPrefetched(columnFamily, key, out byte[]? prefetched))
        {
            if (prefetched is null)
            {
                return false;
            }

            prefetched.CopyTo(destination.GetSpan(prefetched.Length));
            destination.Advance(prefetched.Length);
            return true;
        }

        return Engine.TryGet(columnFamily, key, destination, Inner);
    }

    // Answers from the pending writes when they decide the key (put, deleted or range-deleted): returns true with
    // found set (and the value appended when found); false when the key must be read from the snapshot.
    private bool TryAnswerPending(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ValueBuffer destination, out bool found)
    {
        found = false;
        if (!_families.TryGetValue(columnFamily, out OverlayColumnFamily? family))
        {
            return false;
        }

        switch (family.Lookup(key, out byte[]? value))
        {
            case OverlayLookup.Written:
                if (value is not null)
                {
                    value.CopyTo(destination.GetSpan(value.Length));
                    destination.Advance(value.Length);
                    found = true;
                }

                return true;
            case OverlayLookup.RangeDeleted:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether <paramref name="key"/> is stored as the overlay stands now (see <see cref="TryGetCurrent"/>).</summary>
    internal bool ContainsCurrent(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
    {
        if (_families.TryGetValue(columnFamily, out OverlayColumnFamily? family))
        {
            switch (family.Lookup(key, out byte[]? value))
            {
                case OverlayLookup.Written:
                    return value is not null;
                case OverlayLookup.RangeDeleted:
                    return false;
            }
        }

        if (TryGetPrefetched(columnFamily, key, out byte[]? prefetched))
        {
            return prefetched is not null;
        }

        return Engine.Contains(columnFamily, key, Inner);
    }

    /// <summary>An iterator over the overlay as it stands now (see <see cref="TryGetCurrent"/>): its stops are not recorded as read.</summary>
    internal StorageIterator CreateCurrentIterator(StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound, ReadOnlySpan<byte> upperBound)
    {
        StorageIterator inner = Engine.CreateIterator(columnFamily, lowerBound, upperBound, Inner);
        OverlayKeySet unrecorded = new();
        if (!_families.TryGetValue(columnFamily, out OverlayColumnFamily? family) || family.IsEmpty)
        {
            return new OverlayIterator(inner, columnFamily, unrecorded, [], []);
        }

        return new OverlayIterator(inner, columnFamily, unrecorded, family.EntriesIn(lowerBound, upperBound), family.RangeDeletes);
    }

    /// <summary>What <see cref="StorageEngine.Get"/> answers through the overlay.</summary>
    public int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        Refresh();
        if (_families.TryGetValue(columnFamily, out OverlayColumnFamily? family))
        {
            switch (family.Lookup(key, out byte[]? value))
            {
                case OverlayLookup.Written:
                    if (value is null)
                    {
                        return -1;
                    }

                    if (value.Length <= destination.Length)
                    {
                        value.CopyTo(destination);
                    }

                    return value.Length;
                case OverlayLookup.RangeDeleted:
                    return -1;
            }
        }

        int length = Engine.Get(columnFamily, key, destination, Inner);
        ReadKeys.Add(columnFamily, key, length < 0 ? SnapshotValue.Absent : length <= destination.Length ? SnapshotValue.Of(destination[..length]) : default);
        return length;
    }

    /// <summary>What <see cref="StorageEngine.TryGet"/> answers through the overlay.</summary>
    public bool TryGet(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ValueBuffer destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Refresh();
        if (TryAnswerPending(columnFamily, key, destination, out bool pending))
        {
            return pending;
        }

        int before = destination.WrittenCount;
        bool found = Engine.TryGet(columnFamily, key, destination, Inner);
        ReadKeys.Add(columnFamily, key, found ? SnapshotValue.Of(destination.WrittenSpan[before..]) : SnapshotValue.Absent);
        return found;
    }

    /// <summary>What <see cref="StorageEngine.Contains"/> answers through the overlay.</summary>
    public bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
    {
        Refresh();
        if (_families.TryGetValue(columnFamily, out OverlayColumnFamily? family))
        {
            switch (family.Lookup(key, out byte[]? value))
            {
                case OverlayLookup.Written:
                    return value is not null;
                case OverlayLookup.RangeDeleted:
                    return false;
            }
        }

        bool found = Engine.Contains(columnFamily, key, Inner);
        ReadKeys.Add(columnFamily, key, found ? default : SnapshotValue.Absent);
        return found;
    }

    /// <summary>What <see cref="StorageEngine.CreateIterator"/> answers through the overlay: the snapshot's keys merged with the pending writes, in key order.</summary>
    public StorageIterator CreateIterator(StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound, ReadOnlySpan<byte> upperBound)
    {
        Refresh();
        StorageIterator inner = Engine.CreateIterator(columnFamily, lowerBound, upperBound, Inner);
        if (!_families.TryGetValue(columnFamily, out OverlayColumnFamily? family) || family.IsEmpty)
        {
            return new OverlayIterator(inner, columnFamily, ReadKeys, [], []);
        }

        return new OverlayIterator(inner, columnFamily, ReadKeys, family.EntriesIn(lowerBound, upperBound), family.RangeDeletes);
    }

    private OverlayColumnFamily Family(StorageColumnFamily columnFamily)
    {
        if (!_families.TryGetValue(columnFamily, out OverlayColumnFamily? family))
        {
            family = new OverlayColumnFamily();
            _families.Add(columnFamily, family);
        }

        return family;
    }
}
