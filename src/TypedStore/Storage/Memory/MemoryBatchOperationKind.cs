namespace TypedStore.Storage.Memory;

/// <summary>What one recorded operation of a <see cref="MemoryWriteBatch"/> does.</summary>
internal enum MemoryBatchOperationKind
{
    /// <summary>Insert or replace one key.</summary>
    Put,

    /// <summary>Remove one key.</summary>
    Delete,

    /// <summary>Remove every key in [key, end).</summary>
    DeleteRange,
}
