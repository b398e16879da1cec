using TypedStore.Features.SoftDelete;
using TypedStore.Storage;

namespace TypedStore.Catalog;

/// <summary>
/// Whether a table's column family holds deletion markers (docs/table-kinds.md, "Soft delete"). Asked when opening
/// a store would turn SoftDelete off: without it the markers would be ignored, and the rows they delete would read
/// as live again.
/// </summary>
internal static class StoredDeletionMarkers
{
    /// <summary>
    /// Walks <paramref name="columnFamily"/> until the first marker. A marker's value is exactly a value header with
    /// the deleted flag, which no row's value is (a row always has a member array after its header).
    /// </summary>
    public static bool Any(StorageEngine engine, StorageColumnFamily columnFamily)
    {
        using StorageIterator iterator = engine.CreateIterator(columnFamily);
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            if (DeletionMarker.TryReadDeletedTicks(iterator.Value, out _))
            {
                return true;
            }
        }

        return false;
    }
}
