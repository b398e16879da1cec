namespace TypedStore.Storage.RocksDb;

internal sealed class RocksDbEngine
{
    public static StorageEngine Open(string path, IReadOnlyList<string> columnFamilies, StoreOptions options) => throw new NotImplementedException();
}
