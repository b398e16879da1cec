using TypedStore.Tables;

namespace TypedStore.Catalog;

/// <summary>The catalog as read and validated when a store opens: every table record and every recorded schema version.</summary>
internal sealed class CatalogContents
{
    public Dictionary<string, CatalogTableRecord> Tables { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Table, int Version), TableSchema> Schemas { get; } = [];

    public int SequenceCount { get; set; }

    public bool IsEmpty => Tables.Count == 0 && Schemas.Count == 0 && SequenceCount == 0;
}
