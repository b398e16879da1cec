namespace TypedStore.Storage;

/// <summary>A named column family of an open engine: an independent, ordered keyspace.</summary>
public abstract class StorageColumnFamily
{
    /// <summary>Creates a column family reference.</summary>
    protected StorageColumnFamily(string name, int index)
    {
        Name = name;
        Index = index;
    }

    /// <summary>The column family's name.</summary>
    public string Name { get; }

    /// <summary>Its position in <see cref="StorageEngine.ColumnFamilies"/>.</summary>
    public int Index { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
