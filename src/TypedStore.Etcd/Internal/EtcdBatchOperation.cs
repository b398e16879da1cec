namespace TypedStore.Etcd.Internal;

/// <summary>One recorded write of an <see cref="EtcdWriteBatch"/>, its keys already in etcd's keyspace.</summary>
/// <param name="Kind">Put, delete or delete-range.</param>
/// <param name="Key">The etcd key (the range's start for a delete-range).</param>
/// <param name="ValueOrEnd">The value of a put, the exclusive end of a delete-range, null for a delete.</param>
internal readonly record struct EtcdBatchOperation(EtcdBatchOperationKind Kind, byte[] Key, byte[]? ValueOrEnd);

/// <summary>What an <see cref="EtcdBatchOperation"/> does.</summary>
internal enum EtcdBatchOperationKind
{
    Put,
    Delete,
    DeleteRange,
}
