namespace TypedStore.Tests.Time;

/// <summary>Local times on RocksDB.</summary>
public sealed class RocksDbLocalTimeTests : LocalTimeTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-localtime-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbLocalTimeTests()
    {
        Directory.CreateDirectory(_root);
    }

    internal override LocalTimeStore OpenStore() => LocalTimeStore.Open(Path.Combine(_root, $"s{++_stores}"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
