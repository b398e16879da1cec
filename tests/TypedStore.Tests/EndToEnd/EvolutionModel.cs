using TypedStore;

namespace TypedStore.Tests.EndToEnd;

/// <summary>Version 1 of a row.</summary>
[Table("evolving")]
public sealed record ItemV1([property: Key] string Id, string Name);

/// <summary>Version 2 of the same table: members appended at the end.</summary>
[Table("evolving")]
public sealed record ItemV2([property: Key] string Id, string Name, int Stock, List<string>? Labels);

[Store(typeof(ItemV1))]
public sealed partial class EvolutionV1Store;

[Store(typeof(ItemV2))]
public sealed partial class EvolutionV2Store;
