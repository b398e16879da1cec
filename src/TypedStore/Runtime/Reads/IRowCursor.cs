namespace TypedStore.Runtime.Reads;

/// <summary>
/// One pass over a table's column family that yields rows with their deleted state, whatever else is stored beside
/// them (a <see cref="RowReader"/> opens it). Each step is a row, or an entry that stands for a row that is gone (a
/// soft-delete marker without its row: <see cref="HasRow"/> is <see langword="false"/>).
/// </summary>
internal interface IRowCursor : IDisposable
{
    /// <summary>The row's key (for an entry without a row, the key of the row it stood for).</summary>
    ReadOnlySpan<byte> Key { get; }

    /// <summary>The row's stored value (only its header when values are not copied); empty without a row.</summary>
    ReadOnlyMemory<byte> Value { get; }

    /// <summary>Whether the step found a row.</summary>
    bool HasRow { get; }

    /// <summary>Whether the row is marked deleted by an entry beside it.</summary>
    bool IsDeleted { get; }

    /// <summary>When the row was marked deleted, in UTC ticks; meaningful when <see cref="IsDeleted"/>.</summary>
    long DeletedUtcTicks { get; }

    /// <summary>The key of the next entry not consumed yet, for resuming a forward walk in a later iterator; empty at the end.</summary>
    ReadOnlySpan<byte> NextUnreadKey { get; }

    /// <summary>Moves to the next step; <see langword="false"/> at the end.</summary>
    bool MoveNext();
}
