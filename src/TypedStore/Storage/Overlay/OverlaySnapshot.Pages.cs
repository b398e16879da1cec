using TypedStore.Runtime.Reads;

namespace TypedStore.Storage.Overlay;

/// <content>
/// The async page read of an overlay: what <see cref="StorageEngine.ReadPageAsync"/> answers through a transaction's
/// view, so every paged async reader (scans, counts, First/Last/Any/Page, featured point reads and walks, keys) runs in
/// a transaction as it runs outside one. The pending writes of the range are merged in key order (either direction)
/// with pages the engine reads with <see cref="StorageEngine.ReadPageAsync"/> at the snapshot under the overlay, which
/// the first read that reaches the engine takes with <see cref="StorageEngine.CreateSnapshotAsync"/>.
/// </content>
/// <remarks>
/// <para>A pending put shows its value; a pending delete or range delete hides the snapshot's key (and a pending delete
/// is never a page entry). Every snapshot key the page returns is recorded as read, as <see cref="OverlayIterator"/>
/// records the keys it stops on, so a concurrent commit to a key a scan returned makes the transaction conflict. Keys
/// the engine returned but the page did not take (hidden by a pending write, or past a full page) are not recorded:
/// hidden ones are written by the transaction (its commit validates them anyway), the others are read again by the
/// next page.</para>
/// <para>Page boundaries: a pending entry is placed only once the engine's keys before it are known, so while the
/// engine has more of the range, pending entries past the last engine key read wait for the next engine page; a page
/// whose engine keys are all hidden reads on until the page is full or the range ends, so an empty page means the end
/// of the range, as for the engine. The next page continues from the last key with the bounds alone, as the engine's
/// pages do, so nothing is lost or returned twice.</para>
/// <para>Each page sees the writes recorded before it is read (a synchronous iterator copies them when it is
/// created): a write recorded during an enumeration, ahead of its position, shows up when its page is read.</para>
/// </remarks>
internal abstract partial class OverlaySnapshot
{
    /// <summary>
    /// Reads a page through <paramref name="snapshot"/>: a transaction's overlay merges its pending writes
    /// (<see cref="ReadPageAsync(StorageColumnFamily, ReadOnlyMemory{byte}, ReadOnlyMemory{byte}, bool, int, StoragePage, CancellationToken)"/>),
    /// any other view is read by <paramref name="engine"/>'s <see cref="StorageEngine.ReadPageAsync"/>. The one entry
    /// point of the paged async readers.
    /// </summary>
    internal static ValueTask ReadPageThroughAsync(
        StorageEngine engine,
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> lowerBound,
        ReadOnlyMemory<byte> upperBound,
        bool reverse,
        int maxEntries,
        StoragePage page,
        StorageSnapshot? snapshot,
        CancellationToken cancellationToken)
        => snapshot is OverlaySnapshot overlay
            ? overlay.ReadPageAsync(columnFamily, lowerBound, upperBound, reverse, maxEntries, page, cancellationToken)
            : engine.ReadPageAsync(columnFamily, lowerBound, upperBound, reverse, maxEntries, page, snapshot, cancellationToken);

    /// <summary>
    /// The async page read of the overlay, with <see cref="StorageEngine.ReadPageAsync"/>'s contract: up to
    /// <paramref name="maxEntries"/> entries of [<paramref name="lowerBound"/>, <paramref name="upperBound"/>) as the
    /// transaction sees them, in key order or reversed; <paramref name="page"/> is cleared first. The bounds must stay
    /// unchanged until the task completes.
    /// </summary>
    public ValueTask ReadPageAsync(
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> lowerBound,
        ReadOnlyMemory<byte> upperBound,
        bool reverse,
        int maxEntries,
        StoragePage page,
        CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            ArgumentNullException.ThrowIfNull(page);
            ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);

            // Laying recorded ops over the view (an index's upkeep) reads ahead with the engine's async members.
            ValueTask refresh = RefreshAsync(cancellationToken);
            if (!refresh.IsCompletedSuccessfully)
            {
                return RefreshThenReadPageAsync(refresh, columnFamily, lowerBound, upperBound, reverse, maxEntries, page, cancellationToken);
            }

            refresh.GetAwaiter().GetResult();
            return ReadPageRefreshedAsync(columnFamily, lowerBound, upperBound, reverse, maxEntries, page, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    private async ValueTask RefreshThenReadPageAsync(
        ValueTask refresh,
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> lowerBound,
        ReadOnlyMemory<byte> upperBound,
        bool reverse,
        int maxEntries,
        StoragePage page,
        CancellationToken cancellationToken)
    {
        await refresh.ConfigureAwait(false);
        await ReadPageRefreshedAsync(columnFamily, lowerBound, upperBound, reverse, maxEntries, page, cancellationToken).ConfigureAwait(false);
    }

    // The page once the view is up to date: its pending writes of the range merged with the snapshot's pages.
    private ValueTask ReadPageRefreshedAsync(
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> lowerBound,
        ReadOnlyMemory<byte> upperBound,
        bool reverse,
        int maxEntries,
        StoragePage page,
        CancellationToken cancellationToken)
    {
        try
        {
            page.Clear();
            OverlayEntry[] entries = [];
            OverlayRange[] rangeDeletes = [];
            if (_families.TryGetValue(columnFamily, out OverlayColumnFamily? family) && !family.IsEmpty)
            {
                entries = family.EntriesIn(lowerBound.Span, upperBound.Span);
                rangeDeletes = family.RangeDeletes;
            }

            return MergePageAsync(columnFamily, lowerBound, upperBound, reverse, maxEntries, page, entries, rangeDeletes, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    // An async method whose awaits all complete at once on RocksDB and memory: its state machine then never leaves the
    // stack. `entries` are the pending writes of the range in key order, deletes included (they hide snapshot keys).
    private async ValueTask MergePageAsync(
        StorageColumnFamily columnFamily,
        ReadOnlyMemory<byte> lowerBound,
        ReadOnlyMemory<byte> upperBound,
        bool reverse,
        int maxEntries,
        StoragePage page,
        OverlayEntry[] entries,
        OverlayRange[] rangeDeletes,
        CancellationToken cancellationToken)
    {
        // The engine's answers go to a pooled page (a warmed read allocates none); it is returned on every path.
        StoragePage engine = StoragePagePool.Rent();
        byte[] resume = [];
        try
        {
            StorageSnapshot inner = _inner ?? await TakeInnerAsync(cancellationToken).ConfigureAwait(false);
            int step = reverse ? -1 : 1;
            int entry = reverse ? entries.Length - 1 : 0; // the next pending candidate
            int position = 0;                               // the next engine candidate on `engine`
            bool engineRead = false;
            ReadOnlyMemory<byte> lower = lowerBound;
            ReadOnlyMemory<byte> upper = upperBound;
            while (page.Count < maxEntries)
            {
                if (position >= engine.Count && (!engineRead || (engine.HasMore && engine.Count > 0)))
                {
                    // The engine page is used up and the range holds more: the next one continues from its last key
                    // (forward: that key followed by 0x00; in reverse: below it), as every paged reader continues. An
                    // empty page ends the range whatever it says of more (there is no key to continue from).
                    if (engineRead)
                    {
                        ReadOnlySpan<byte> last = engine.LastKey;
                        int length = reverse ? last.Length : last.Length + 1;
                        if (resume.Length < length)
                        {
                            resume = new byte[Math.Max(length, 64)];
                        }

                        last.CopyTo(resume);
                        if (reverse)
                        {
                            upper = resume.AsMemory(0, length);
                        }
                        else
                        {
                            resume[last.Length] = 0;
                            lower = resume.AsMemory(0, length);
                        }
                    }

                    await Engine.ReadPageAsync(columnFamily, lower, upper, reverse, maxEntries - page.Count, engine, inner, cancellationToken).ConfigureAwait(false);
                    engineRead = true;
                    position = 0;
                    continue;
                }

                if (position < engine.Count && IsHidden(entries, rangeDeletes, engine.GetKey(position)))
                {
                    position++;
                    continue;
                }

                bool hasEntry = entry >= 0 && entry < entries.Length;
                if (hasEntry && entries[entry].Value is null)
                {
                    entry += step;
                    continue;
                }

                bool hasEngine = position < engine.Count;
                if (!hasEngine && !hasEntry)
                {
                    break;
                }

                // Without an engine candidate the engine has nothing more (the read above ran): the pending entry is next.
                if (hasEngine && (!hasEntry || step * entries[entry].Key.AsSpan().SequenceCompareTo(engine.GetKey(position)) > 0))
                {
                    ReadOnlySpan<byte> key = engine.GetKey(position);
                    page.Add(key, engine.GetValue(position));
                    ReadKeys.Add(columnFamily, key);
                    position++;
                }
                else
                {
                    page.Add(entries[entry].Key, entries[entry].Value);
                    entry += step;
                }
            }

            page.HasMore = position < engine.Count || (engine.HasMore && engine.Count > 0) || HasPut(entries, entry, step);
        }
        finally
        {
            StoragePagePool.Return(engine);
        }
    }

    // Whether a snapshot key is hidden by a pending write: a put or delete of the key, or a range delete covering it.
    private static bool IsHidden(OverlayEntry[] entries, OverlayRange[] rangeDeletes, ReadOnlySpan<byte> key)
    {
        if (entries.Length > 0 && OverlayEntrySearch.Find(entries, key) >= 0)
        {
            return true;
        }

        foreach (OverlayRange range in rangeDeletes)
        {
            if (range.Covers(key))
            {
                return true;
            }
        }

        return false;
    }

    // Whether a pending put is left from `entry` on, in the walk's direction.
    private static bool HasPut(OverlayEntry[] entries, int entry, int step)
    {
        for (; entry >= 0 && entry < entries.Length; entry += step)
        {
            if (entries[entry].Value is not null)
            {
                return true;
            }
        }

        return false;
    }
}
