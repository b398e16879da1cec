using TypedStore.Tests.EndToEnd;

namespace TypedStore.Tests.Values;

/// <summary>Huge values on RocksDB.</summary>
public sealed class RocksDbHugeValueTests : HugeValueTests, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "typedstore-hugevalue-" + Guid.NewGuid().ToString("N"));

    internal override ChatStore OpenStore() => ChatStore.Open(_path);

    public void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }
}
