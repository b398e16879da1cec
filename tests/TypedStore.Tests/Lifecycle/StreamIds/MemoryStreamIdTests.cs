namespace TypedStore.Tests.Lifecycle.StreamIds;

/// <summary>Stream ids on the memory engine, reopened over the same engine.</summary>
public sealed class MemoryStreamIdTests : StreamIdTests
{
    internal override ReopenableStore CreateStore() => new MemoryReopenableStore();
}
