namespace TypedStore.Tests.Lifecycle;

/// <summary>The lifecycle suite on the in-memory engine.</summary>
public sealed class MemoryLifecycleTests : LifecycleTests
{
    internal override LifecycleStore OpenStore(StoreOptions options) => Track(LifecycleStore.OpenInMemory(options));
}
