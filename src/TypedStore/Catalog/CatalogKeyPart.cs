namespace TypedStore.Catalog;

/// <summary>A key part as <c>__schemas</c> stores it.</summary>
/// <param name="Name">The member holding the part.</param>
/// <param name="Type">Its type, spelled as in docs/schema-evolution.md.</param>
/// <param name="Descending">Whether it sorts descending.</param>
internal sealed record CatalogKeyPart(string Name, string Type, bool Descending);
