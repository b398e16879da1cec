namespace TypedStore.Tests.Reliability.Differential;

/// <summary>
/// A write, run the same way on both engines' stores: on the store itself, and (when the write exists on batches)
/// inside a batch, where it may read the store first (to pick an existing row). The result (a returned row, a
/// count) or the exception is compared.
/// </summary>
internal sealed record WriteOperation(
    string Description,
    Func<DifferentialStore, object?> OnStore,
    Func<DifferentialStore, DifferentialStoreBatch, object?>? OnBatch)
{
    public override string ToString() => Description;
}

/// <summary>A read, on the store and (the same call) through a snapshot; its result or exception is compared.</summary>
internal sealed record ReadOperation(
    string Description,
    Func<DifferentialStore, object?> OnStore,
    Func<DifferentialStoreSnapshot, object?> OnSnapshot)
{
    public override string ToString() => Description;
}
