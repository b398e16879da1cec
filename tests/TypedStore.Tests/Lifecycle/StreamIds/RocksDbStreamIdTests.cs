namespace TypedStore.Tests.Lifecycle.StreamIds;

/// <summary>Stream ids on RocksDB, reopened from the directory.</summary>
public sealed class RocksDbStreamIdTests : StreamIdTests
{
    internal override ReopenableStore CreateStore() => new RocksDbReopenableStore();
}
