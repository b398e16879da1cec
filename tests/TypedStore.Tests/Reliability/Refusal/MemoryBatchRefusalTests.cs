namespace TypedStore.Tests.Reliability.Refusal;

/// <summary>The batch-refusal and key-limit tests on the memory engine.</summary>
public sealed class MemoryBatchRefusalTests : BatchRefusalTests
{
    internal override RefusalStore OpenStore() => RefusalStore.OpenInMemory();
}
