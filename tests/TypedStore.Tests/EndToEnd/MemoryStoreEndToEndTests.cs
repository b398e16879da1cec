namespace TypedStore.Tests.EndToEnd;

/// <summary>The end-to-end suite on the in-memory engine.</summary>
public sealed class MemoryStoreEndToEndTests : StoreEndToEndTests
{
    protected override ChatStore OpenChatStore(StoreOptions? options = null) => Track(ChatStore.OpenInMemory(options));

    protected override ShapesStore OpenShapesStore() => Track(ShapesStore.OpenInMemory());
}
