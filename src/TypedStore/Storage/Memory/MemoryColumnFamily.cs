namespace TypedStore.Storage.Memory;

/// <summary>A column family of one <see cref="MemoryEngine"/>; remembers its engine so a foreign one is rejected.</summary>
internal sealed class MemoryColumnFamily : StorageColumnFamily
{
    public MemoryColumnFamily(MemoryEngine engine, string name, int index)
        : base(name, index)
        => Engine = engine;

    /// <summary>The engine that owns this column family.</summary>
    public MemoryEngine Engine { get; }
}
