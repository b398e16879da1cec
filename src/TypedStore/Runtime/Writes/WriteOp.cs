using TypedStore.Storage;

namespace TypedStore.Runtime.Writes;

/// <summary>
/// One operation of a <see cref="WriteSet"/>: where its bytes are in the set's arena, and the logical facts the
/// interceptors need about it (its table, how much of the key is the row key, what it means to the table).
/// </summary>
internal readonly struct WriteOp
{
    public WriteOp(WriteTable table, WriteOpKind kind, ChangeKind? change, long utcTicks, int keyOffset, int keyLength, int rowKeyLength, int valueOffset, int valueLength)
    {
        Table = table;
        Kind = kind;
        Change = change;
        UtcTicks = utcTicks;
        KeyOffset = keyOffset;
        KeyLength = keyLength;
        RowKeyLength = rowKeyLength;
        ValueOffset = valueOffset;
        ValueLength = valueLength;
    }

    /// <summary>The table written.</summary>
    public WriteTable Table { get; }

    /// <summary>The engine operation.</summary>
    public WriteOpKind Kind { get; }

    /// <summary>
    /// What the op does to the table's rows (a put, a delete, a soft delete, ...), or <see langword="null"/> for an op
    /// that only supports another (clearing a deletion marker, an eviction): the change feed records only the former.
    /// </summary>
    public ChangeKind? Change { get; }

    /// <summary>When: the row's <c>_updated</c> for puts, the time of the call otherwise.</summary>
    public long UtcTicks { get; }

    /// <summary>Offset of the key in the arena.</summary>
    public int KeyOffset { get; }

    /// <summary>Length of the key (for a deletion marker, the row key and its suffix byte).</summary>
    public int KeyLength { get; }

    /// <summary>How many leading bytes of the key are the row key (the prefix, for a range delete).</summary>
    public int RowKeyLength { get; }

    /// <summary>Offset of the value (of a range delete: its exclusive end) in the arena.</summary>
    public int ValueOffset { get; }

    /// <summary>Length of the value.</summary>
    public int ValueLength { get; }

    /// <summary>The column family written.</summary>
    public StorageColumnFamily ColumnFamily => Table.ColumnFamily;
}
