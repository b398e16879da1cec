using TypedStore.Storage;
using TypedStore.Tests.Storage.Contract;

namespace TypedStore.Tests.Storage.RocksDb;

/// <summary>
/// The shared engine contract, run against the RocksDB core: the same tests as the memory engine,
/// plus persistence across reopen; key counts are RocksDB's estimates.
/// </summary>
public sealed class RocksDbEngineContractTests : StorageEngineContractTests
{
    private readonly TempDirectory root = new();
    private readonly Dictionary<StorageEngine, string> paths = new(ReferenceEqualityComparer.Instance);

    /// <inheritdoc/>
    protected override bool ReopenSupported => true;

    /// <inheritdoc/>
    protected override bool KeyCountIsExact => false;

    /// <inheritdoc/>
    protected override StorageEngine OpenEngine(IReadOnlyList<string> columnFamilies)
    {
        string path = root.Sub("store-" + paths.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var engine = StorageEngines.OpenRocksDb(path, columnFamilies);
        paths.Add(engine, path);
        return engine;
    }

    /// <inheritdoc/>
    protected override StorageEngine Reopen(StorageEngine engine, IReadOnlyList<string> columnFamilies)
    {
        string path = paths[engine];
        engine.Dispose();
        paths.Remove(engine);
        var reopened = StorageEngines.OpenRocksDb(path, columnFamilies);
        paths.Add(reopened, path);
        return reopened;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            root.Dispose();
        }
    }
}
