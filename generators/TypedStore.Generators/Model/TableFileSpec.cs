namespace TypedStore.Generators.Model;

/// <summary>
/// What one table's generated file is written from: the table, the names it needs from its store, and the names
/// of the formatters its nested types use. It holds nothing about the store's other tables, so an edit of another
/// table leaves it equal and its file cached.
/// </summary>
/// <param name="Store">The store the table belongs to.</param>
/// <param name="Table">The table.</param>
/// <param name="Formatters">The store-wide formatter name of each nested type the table's values use.</param>
internal sealed record TableFileSpec(StoreTypeModel Store, TableModel Table, EquatableArray<FormatterNameModel> Formatters)
{
    /// <summary>The generated file's name: the store's, followed by the table's property name.</summary>
    public string HintName => Store.HintNamePrefix + "." + Table.PropertyName + ".g.cs";
}

/// <summary>The names a table's file needs from its store: where the store class is and what it is called.</summary>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="ClassName">The store class's name.</param>
/// <param name="FullName">The store class, fully qualified with <c>global::</c>.</param>
/// <param name="ContainingTypes">The declarations enclosing the store (outermost first).</param>
/// <param name="HintNamePrefix">The generated files' common name prefix: the store's full name without <c>global::</c>.</param>
/// <param name="IsPublic">Whether the store (and every type containing it) is public: its tables' member-set classes may be public too.</param>
internal sealed record StoreTypeModel(string? Namespace, string ClassName, string FullName, EquatableArray<string> ContainingTypes, string HintNamePrefix, bool IsPublic);

/// <summary>The formatter methods' name part (<c>Write{Name}</c>, <c>Read{Name}</c>) of a nested type, unique in its store.</summary>
internal sealed record FormatterNameModel(string TypeName, string Name);
