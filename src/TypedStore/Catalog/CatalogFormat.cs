namespace TypedStore.Catalog;

/// <summary>The catalog format this build writes and the key of the row recording it.</summary>
internal static class CatalogFormat
{
    /// <summary>The catalog format version this build writes; it reads this one and older ones.</summary>
    public const int Current = 1;

    /// <summary>The key of the single <c>__store</c> row.</summary>
    public const string RecordName = "catalog";
}
