namespace TypedStore.Storage.Memory;

/// <summary>
/// One operation recorded by a <see cref="MemoryWriteBatch"/>. The arrays are private copies
/// made when the operation was recorded; applying the batch hands them to the trees as they
/// are (trees never mutate them), so a write costs no second copy.
/// </summary>
internal readonly record struct MemoryBatchOperation(
    MemoryBatchOperationKind Kind,
    int ColumnFamilyIndex,
    byte[] Key,
    byte[] ValueOrEndKey);
