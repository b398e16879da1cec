namespace TypedStore.Tests.Lifecycle;

/// <summary>The lifecycle suite on RocksDB, plus what only a persistent engine can show: state that survives reopening.</summary>
public sealed partial class RocksDbLifecycleTests : LifecycleTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-lifecycle-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbLifecycleTests()
    {
        Directory.CreateDirectory(_root);
    }

    internal override LifecycleStore OpenStore(StoreOptions options) => Track(LifecycleStore.Open(NewPath(), options));

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string NewPath() => Path.Combine(_root, $"store{Interlocked.Increment(ref _stores)}");
}
