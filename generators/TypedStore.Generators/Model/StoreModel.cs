namespace TypedStore.Generators.Model;

/// <summary>A <c>[Store]</c> class as declared, before its tables are resolved.</summary>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="ClassName">The store class's name.</param>
/// <param name="FullName">The store class, fully qualified with <c>global::</c>.</param>
/// <param name="IsPublic">Whether the store is visible outside its assembly.</param>
/// <param name="ContainingTypes">The declarations enclosing the store (outermost first), e.g. <c>partial class Outer</c>.</param>
/// <param name="IncludesAllTables">Whether the store holds every [Table] type of its assembly (<c>[Store]</c> without arguments).</param>
/// <param name="ExplicitTables">The tables listed in <c>[Store(typeof(...))]</c>.</param>
/// <param name="HintName">The store file's name; each table's file is named after it (<see cref="TableFileSpec.HintName"/>).</param>
internal sealed record StoreModel(
    string? Namespace,
    string ClassName,
    string FullName,
    bool IsPublic,
    EquatableArray<string> ContainingTypes,
    bool IncludesAllTables,
    EquatableArray<TableModel> ExplicitTables,
    string HintName)
{
    /// <summary>The names each table's file needs from the store.</summary>
    public StoreTypeModel Type => new(Namespace, ClassName, FullName, ContainingTypes, HintName.Substring(0, HintName.Length - ".g.cs".Length), IsPublic);
}
