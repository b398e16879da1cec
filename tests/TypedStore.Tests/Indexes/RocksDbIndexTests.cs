namespace TypedStore.Tests.Indexes;

/// <summary>The index suite on RocksDB, where reopening keeps the store.</summary>
public sealed partial class RocksDbIndexTests : IndexTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-indexes-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<IndexStore, string> _paths = [];
    private int _stores;

    public RocksDbIndexTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        Output = output;
        Directory.CreateDirectory(_root);
    }

    protected override bool Persists => true;

    internal override IndexStore OpenStore()
    {
        string path = NewPath();
        IndexStore store = Track(IndexStore.Open(path));
        _paths[store] = path;
        return store;
    }

    internal override IndexStore Reopen(IndexStore store)
    {
        string path = _paths[store];
        store.Dispose();
        IndexStore reopened = Track(IndexStore.Open(path));
        _paths[reopened] = path;
        return reopened;
    }

    internal string NewPath() => Path.Combine(_root, $"store{Interlocked.Increment(ref _stores)}");

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
