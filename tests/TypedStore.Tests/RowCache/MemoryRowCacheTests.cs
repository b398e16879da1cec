namespace TypedStore.Tests.RowCache;

/// <summary>The row cache suite on the in-memory engine.</summary>
public sealed class MemoryRowCacheTests : RowCacheTests
{
    internal override RowCacheStore OpenStore(StoreOptions options) => Track(RowCacheStore.OpenInMemory(options));
}
