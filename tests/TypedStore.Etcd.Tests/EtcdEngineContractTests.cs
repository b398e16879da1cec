using TypedStore.Storage;
using TypedStore.Tests.Storage.Contract;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// The shared engine contract (tests/TypedStore.Tests/Storage/Contract), run against the etcd engine on a 3-member
/// cluster: every test of the memory and RocksDB engines, plus persistence across reopen (same key prefix); key counts
/// are exact (count-only range reads).
/// </summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdEngineContractTests(EtcdCluster cluster) : StorageEngineContractTests
{
    private readonly Dictionary<StorageEngine, string> _prefixes = new(ReferenceEqualityComparer.Instance);

    protected override bool ReopenSupported => true;

    // Every step is a round trip to the cluster (2,500 steps take ~35 s per seed here): 400, or all under TYPEDSTORE_SOAK=1.
    protected override int ModelSteps => Environment.GetEnvironmentVariable("TYPEDSTORE_SOAK") == "1" ? base.ModelSteps : 400;

    // Pages and commits wait on the network.
    protected override bool AsyncMembersCompleteSynchronously => false;

    // The shared cluster allows 4,096 operations per transaction: two tests batch thousands of keys (etcd's default of
    // 128 is tested by EtcdLimitsTests).
    private EtcdEngineOptions Options(string? prefix = null) => cluster.Options(prefix);

    protected override StorageEngine OpenEngine(IReadOnlyList<string> columnFamilies)
    {
        var options = Options();
        StorageEngine engine = EtcdEngine.Connect(options).Open(columnFamilies, new StoreOptions());
        _prefixes.Add(engine, options.KeyPrefix);
        return engine;
    }

    protected override StorageEngine Reopen(StorageEngine engine, IReadOnlyList<string> columnFamilies)
    {
        string prefix = _prefixes[engine];
        engine.Dispose();
        _prefixes.Remove(engine);
        StorageEngine reopened = EtcdEngine.Connect(Options(prefix)).Open(columnFamilies, new StoreOptions());
        _prefixes.Add(reopened, prefix);
        return reopened;
    }
}
