namespace TypedStore.Catalog;

/// <summary>What opening a store must record in its catalog, collected while checking and written in one synced batch.</summary>
internal sealed class CatalogUpdate
{
    public CatalogFormatRecord? Format { get; set; }

    /// <summary>The format the catalog had when <see cref="Format"/> raises it; null for a new catalog.</summary>
    public int? PreviousFormatVersion { get; set; }

    public List<CatalogTableRecord> Tables { get; } = [];

    public List<CatalogSchemaRecord> Schemas { get; } = [];

    public bool IsEmpty => Format is null && Tables.Count == 0 && Schemas.Count == 0;

    /// <summary>Writes everything atomically; the catalog tables are System tables, so the commit is synced.</summary>
    public void Commit(CatalogStore catalog)
    {
        using CatalogStoreBatch batch = catalog.CreateBatch();
        if (Format is not null)
        {
            batch.Store.Put(Format);
        }

        batch.Tables.PutMany(Tables);
        batch.Schemas.PutMany(Schemas);
        batch.Commit();
    }
}
