using TypedStore.Tables;

namespace TypedStore.Catalog;

/// <summary>
/// The catalog's record of built indexes (<c>__indexes</c>), a store of its own so that its column family exists only in
/// stores that have (or had) an index: stores without indexes, and read-only opens of stores written before indexes
/// existed, need no new column family.
/// </summary>
[Store(typeof(CatalogIndexRecord))]
internal sealed partial class IndexCatalogStore
{
    /// <summary>The column family of the index records.</summary>
    internal const string ColumnFamily = "__indexes";

    /// <summary>The index-record table, i.e. the column family stores with indexes open besides their own.</summary>
    internal static IReadOnlyList<TableDescriptor> Descriptors => s_tables;

    /// <summary>Binds the index records to an open store's runtime. Never dispose the result: the runtime belongs to the store.</summary>
    internal static IndexCatalogStore Attach(StoreRuntime runtime) => new(runtime);
}
