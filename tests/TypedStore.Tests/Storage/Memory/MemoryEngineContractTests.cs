using TypedStore.Storage;
using TypedStore.Tests.Storage.Contract;

namespace TypedStore.Tests.Storage.Memory;

/// <summary>The shared engine contract, run against the in-memory engine (exact key counts, no persistence).</summary>
public sealed class MemoryEngineContractTests : StorageEngineContractTests
{
    /// <inheritdoc/>
    protected override StorageEngine OpenEngine(IReadOnlyList<string> columnFamilies)
        => StorageEngines.CreateInMemory(columnFamilies);
}
