namespace TypedStore.Storage.Memory;

internal sealed class MemoryEngine
{
    public static StorageEngine Create(IReadOnlyList<string> columnFamilies, StoreOptions options) => throw new NotImplementedException();
}
