namespace TypedStore.Catalog;

/// <summary>A record, class or struct nested in a table's rows, as <c>__schemas</c> stores it.</summary>
/// <param name="Type">The type, spelled as in docs/schema-evolution.md.</param>
/// <param name="Members">Its stored members, in the order they are stored.</param>
internal sealed record CatalogObjectType(string Type, IReadOnlyList<CatalogMember> Members);
