namespace TypedStore.Benchmarks.Contenders;

/// <summary>The implementations compared side by side on the same data and options.</summary>
public enum ContenderKind
{
    /// <summary>RocksDbSharp's span API on pre-encoded TypedStore keys and values: the hand-written baseline.</summary>
    RawRocksDbSharp,

    /// <summary>The generated accessors over TypedStore's own RocksDB core.</summary>
    TypedStoreRocksDb,

    /// <summary>RocksDbSharp plus <c>MessagePackSerializer</c> with the default resolver and UTF-8 string keys.</summary>
    NaiveMessagePack,

    /// <summary>The generated accessors over the in-memory engine (a reference, not a target).</summary>
    TypedStoreMemory,

    /// <summary>
    /// TypedStore's RocksDB core on the raw baseline's pre-encoded bytes: not a user's choice, but the row that splits
    /// the typed layer's cost into the binding and the generated codec plus table runtime.
    /// </summary>
    TypedStoreCore,
}
