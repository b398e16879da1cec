namespace TypedStore.Tests.Indexes;

/// <summary>The index suite on the in-memory engine.</summary>
public sealed class MemoryIndexTests : IndexTests
{
    public MemoryIndexTests(Xunit.Abstractions.ITestOutputHelper output) => Output = output;

    protected override bool Persists => false;

    internal override IndexStore OpenStore() => Track(IndexStore.OpenInMemory());

    internal override IndexStore Reopen(IndexStore store) => store;
}
