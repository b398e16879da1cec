namespace TypedStore.Catalog;

/// <summary>A stored member as <c>__schemas</c> stores it.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Type">Its type, spelled as in docs/schema-evolution.md.</param>
internal sealed record CatalogMember(string Name, string Type);
