namespace TypedStore.Tests.Reliability.Model;

/// <summary>
/// One write, applied the same way to the store (directly or inside a batch) and to the model. An invalid write
/// (<see cref="IsInvalid"/>) must throw <see cref="ArgumentException"/> from the store and change nothing.
/// </summary>
internal sealed record ModelOperation(
    string Description,
    Action<ReliabilityStore> ApplyToStore,
    Action<ReliabilityStoreBatch> ApplyToBatch,
    Action<StoreModel> ApplyToModel,
    bool IsInvalid = false)
{
    public override string ToString() => Description;
}
