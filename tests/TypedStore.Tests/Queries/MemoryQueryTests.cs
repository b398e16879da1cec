namespace TypedStore.Tests.Queries;

/// <summary>The query suite on the in-memory engine.</summary>
public sealed class MemoryQueryTests : QueryTests
{
    internal override QueryStore OpenStore(StoreOptions options) => Track(QueryStore.OpenInMemory(options));
}
