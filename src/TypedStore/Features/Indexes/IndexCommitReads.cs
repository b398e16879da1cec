namespace TypedStore.Features.Indexes;

/// <summary>
/// What an index step reads at an async commit, read ahead with the engine's async members (one
/// <c>GetManyAsync</c> per column family, range deletes a page at a time) so the commit blocks no thread on a network
/// engine; the replay and the unique check then take their answers from here instead of the engine's synchronous reads.
/// The answers are the same: everything is read under the table's index gate, which every commit touching the table
/// holds, at the latest state, as the synchronous commit reads it.
/// </summary>
/// <remarks>
/// Rows are read in the order the replay touches them: one slot per put or delete of the table (<see cref="Points"/>),
/// and per range delete the rows stored in its range (<see cref="Ranged"/>, <see cref="NextRange"/>). On a soft-delete
/// table each row slot is two keys, the row and its deletion marker. Unique entries are read per index
/// (<see cref="Entries"/>), in the order of the commit's new entries. One instance per table, reused by each commit
/// while it holds the gate; <see cref="Clear"/> on release.
/// </remarks>
internal sealed class IndexCommitReads
{
    private readonly List<int> _rangeCounts = [];
    private int _pointCursor;
    private int _rangeCursor;
    private int _rangedCursor;

    public IndexCommitReads(int indexes)
    {
        Entries = new PackedReads[indexes];
        for (int i = 0; i < indexes; i++)
        {
            Entries[i] = new PackedReads();
        }
    }

    /// <summary>The rows of the table's puts and deletes, one slot per op in record order.</summary>
    public PackedReads Points { get; } = new();

    /// <summary>The rows stored in the ranges of the table's range deletes, range after range.</summary>
    public PackedReads Ranged { get; } = new();

    /// <summary>Per index, the keys of the unique entries the commit puts, in the order of its new entries.</summary>
    public PackedReads[] Entries { get; }

    /// <summary>Whether a row slot is two keys (the row, then its deletion marker).</summary>
    public bool WithMarkers { get; set; }

    /// <summary>Notes that the range delete read last holds <paramref name="rows"/> row slots.</summary>
    public void EndRange(int rows) => _rangeCounts.Add(rows);

    /// <summary>The slot of the replay's next put or delete.</summary>
    public int NextPoint() => _pointCursor++;

    /// <summary>The first slot and the number of slots of the replay's next range delete.</summary>
    public (int First, int Count) NextRange()
    {
        int count = _rangeCounts[_rangeCursor++];
        int first = _rangedCursor;
        _rangedCursor += count;
        return (first, count);
    }

    /// <summary>The key of a row slot of <paramref name="reads"/>.</summary>
    public ReadOnlySpan<byte> RowKey(PackedReads reads, int slot) => reads.Key(WithMarkers ? slot * 2 : slot);

    /// <summary>The stored value of a row slot, copied; <see langword="null"/> when the row is not stored.</summary>
    public byte[]? RowValue(PackedReads reads, int slot)
    {
        int key = WithMarkers ? slot * 2 : slot;
        return reads.Found(key) ? reads.Value(key).ToArray() : null;
    }

    /// <summary>Whether the deletion marker of a row slot is stored (false on a table without markers).</summary>
    public bool RowMarked(PackedReads reads, int slot) => WithMarkers && reads.Found((slot * 2) + 1);

    /// <summary>Forgets the commit's reads (the gate is being released).</summary>
    public void Clear()
    {
        Points.Clear();
        Ranged.Clear();
        foreach (PackedReads entries in Entries)
        {
            entries.Clear();
        }

        _rangeCounts.Clear();
        _pointCursor = 0;
        _rangeCursor = 0;
        _rangedCursor = 0;
    }
}
