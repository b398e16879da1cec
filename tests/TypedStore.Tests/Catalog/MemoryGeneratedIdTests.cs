namespace TypedStore.Tests.Catalog;

/// <summary>Generated ids on the in-memory engine.</summary>
public sealed class MemoryGeneratedIdTests : GeneratedIdTests
{
    protected override SequenceStore OpenStore() => Track(SequenceStore.OpenInMemory());
}
