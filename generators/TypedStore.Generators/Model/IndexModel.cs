namespace TypedStore.Generators.Model;

/// <summary>One <c>[Index]</c> of a table, as the emitter needs it.</summary>
/// <param name="Name">The index's name (its column family is <c>{table}.{name}</c>).</param>
/// <param name="PropertyName">The PascalCase property on the bound table (<c>by_slug</c> → <c>BySlug</c>).</param>
/// <param name="Unique">Whether the index is unique (Get/TryGet are generated).</param>
/// <param name="Parts">The indexed members, in index order.</param>
internal sealed record IndexModel(string Name, string PropertyName, bool Unique, EquatableArray<IndexPartModel> Parts);
