using TypedStore.Keys;
using TypedStore.Runtime.Transactions;
using TypedStore.Storage;

namespace TypedStore.Runtime.Writes;

/// <summary>
/// A table as the write path sees it: its column family, its durability and its interceptors in
/// <see cref="WriteStage"/> order. Records a table's row operations into a <see cref="WriteSet"/> and lets each
/// interceptor add what its feature needs, so the table core never tests a feature itself.
/// </summary>
internal sealed class WriteTable
{
    /// <summary>Describes one table's writes.</summary>
    /// <param name="name">The table's name, for errors.</param>
    /// <param name="columnFamily">The column family of its rows.</param>
    /// <param name="durability">What every write to it must guarantee (System tables: synced).</param>
    /// <param name="interceptors">Its features' interceptors in <see cref="WriteStage"/> order; <see langword="null"/> or empty for a plain table.</param>
    public WriteTable(string name, StorageColumnFamily columnFamily, WriteDurability durability, IWriteInterceptor[]? interceptors)
    {
        Name = name;
        ColumnFamily = columnFamily;
        Durability = durability;
        Interceptors = interceptors is { Length: > 0 } ? interceptors : null;
        CommitSteps = CollectCommitSteps(Interceptors);
        MaxRowKeyLength = KeyLimits.MaxKeyLength;
        foreach (IWriteInterceptor interceptor in Interceptors ?? [])
        {
            MaxRowKeyLength = Math.Min(MaxRowKeyLength, interceptor.MaxRowKeyLength);
            RangeDeletesByRow |= interceptor.NeedsRowsOfRangeDeletes;
            DerivedEntries ??= interceptor as IDerivedEntries;
        }
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>The column family of the table's rows.</summary>
    public StorageColumnFamily ColumnFamily { get; }

    /// <summary>What every write to the table must guarantee.</summary>
    public WriteDurability Durability { get; }

    /// <summary>The interceptors, in stage order; <see langword="null"/> for a plain table (decided once, at construction).</summary>
    public IWriteInterceptor[]? Interceptors { get; }

    /// <summary>The distinct commit steps of the interceptors: a write set touching the table runs them at commit.</summary>
    public ICommitStep[] CommitSteps { get; }

    /// <summary>The feature that derives entries of its own from the table's rows (its indexes), if any: what a transaction's view asks to keep them in step with its pending writes.</summary>
    public IDerivedEntries? DerivedEntries { get; }

    /// <summary>The longest row key every feature of the table can handle.</summary>
    public int MaxRowKeyLength { get; }

    /// <summary>
    /// Whether a range delete of the table is recorded row by row (<see cref="RecordRowRemoval"/> per row found) because
    /// some feature must see each row it removes; otherwise it is one range delete (<see cref="RecordDeleteRange"/>).
    /// </summary>
    public bool RangeDeletesByRow { get; }

    /// <summary>Whether some feature limits row keys below the key writer's own limit (its refusals then name the table).</summary>
    public bool LimitsRowKeys => MaxRowKeyLength < KeyLimits.MaxKeyLength;

    /// <summary>Throws the refusal of the feature that cannot handle a row key of <paramref name="length"/> bytes, if any.</summary>
    public void ThrowIfRowKeyTooLong(int length)
    {
        if (length <= MaxRowKeyLength)
        {
            return;
        }

        foreach (IWriteInterceptor interceptor in Interceptors!)
        {
            if (length > interceptor.MaxRowKeyLength)
            {
                interceptor.ThrowRowKeyTooLong(this, length);
            }
        }
    }

    /// <summary>Records the put of a row (key and encoded value) and what the features add to it; returns the put's op.</summary>
    public int RecordPut(WriteSet writes, ReadOnlySpan<byte> rowKey, ReadOnlySpan<byte> value, long updatedUtcTicks)
    {
        int op = writes.AddPut(this, rowKey, value, ChangeKind.Put, updatedUtcTicks);
        Recorded(writes, op);
        return op;
    }

    /// <summary>Records the delete of a row: a feature may record it its own way (a soft delete's marker).</summary>
    public void RecordDelete(WriteSet writes, ReadOnlySpan<byte> rowKey, long utcTicks)
    {
        if (Interceptors is { } interceptors)
        {
            foreach (IWriteInterceptor interceptor in interceptors)
            {
                if (interceptor.TryRecordDelete(writes, this, rowKey, utcTicks, out int replaced))
                {
                    Recorded(writes, replaced);
                    return;
                }
            }
        }

        Recorded(writes, writes.AddDelete(this, rowKey, ChangeKind.Delete, utcTicks));
    }

    /// <summary>Records the removal of every row in [<paramref name="lower"/>, <paramref name="upper"/>): one user's rows (<see cref="ChangeKind.DeleteUser"/>).</summary>
    public void RecordDeleteUser(WriteSet writes, ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper, long utcTicks)
        => Recorded(writes, writes.AddDeleteRange(this, lower, upper, ChangeKind.DeleteUser, utcTicks));

    /// <summary>Records the removal of every key in [<paramref name="lower"/>, <paramref name="upper"/>) with one range delete (a query's <c>Delete()</c>, <c>Clear()</c>).</summary>
    /// <remarks>A SoftDelete table's markers are removed with their rows: a marker is its row's immediate successor, inside every range that holds the row.</remarks>
    public void RecordDeleteRange(WriteSet writes, ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper, long utcTicks)
        => Recorded(writes, writes.AddDeleteRange(this, lower, upper, change: null, utcTicks));

    /// <summary>
    /// Records the removal for good of one row a range delete found (<see cref="RangeDeletesByRow"/>): every key from
    /// <paramref name="rowKey"/> up to its successor <paramref name="rowEnd"/> (the row and whatever a feature keeps beside
    /// it), as a <see cref="ChangeKind.Delete"/> of the row when <paramref name="hasRow"/>.
    /// </summary>
    public void RecordRowRemoval(WriteSet writes, ReadOnlySpan<byte> rowKey, ReadOnlySpan<byte> rowEnd, bool hasRow, long utcTicks)
    {
        int op = writes.AddDeleteRange(this, rowKey, rowEnd, hasRow ? ChangeKind.Delete : null, utcTicks);
        if (hasRow)
        {
            Recorded(writes, op);
        }
    }

    /// <summary>Lets every interceptor see a row operation a feature recorded itself (a restore, a purge).</summary>
    public void Recorded(WriteSet writes, int op)
    {
        if (Interceptors is { } interceptors)
        {
            foreach (IWriteInterceptor interceptor in interceptors)
            {
                interceptor.OnRecorded(writes, op);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static ICommitStep[] CollectCommitSteps(IWriteInterceptor[]? interceptors)
    {
        if (interceptors is null)
        {
            return [];
        }

        List<ICommitStep> steps = [];
        foreach (IWriteInterceptor interceptor in interceptors)
        {
            if (interceptor.CommitStep is { } step && !steps.Contains(step))
            {
                steps.Add(step);
            }
        }

        return steps.ToArray();
    }
}
