using TypedStore.Tests.EndToEnd;

namespace TypedStore.Tests.Values;

/// <summary>Huge values on the memory engine.</summary>
public sealed class MemoryHugeValueTests : HugeValueTests
{
    internal override ChatStore OpenStore() => ChatStore.OpenInMemory();
}
