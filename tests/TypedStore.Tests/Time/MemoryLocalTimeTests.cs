namespace TypedStore.Tests.Time;

/// <summary>Local times on the memory engine.</summary>
public sealed class MemoryLocalTimeTests : LocalTimeTests
{
    internal override LocalTimeStore OpenStore() => LocalTimeStore.OpenInMemory();
}
