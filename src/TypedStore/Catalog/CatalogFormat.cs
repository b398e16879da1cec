namespace TypedStore.Catalog;

/// <summary>The catalog format this build writes and the key of the row recording it.</summary>
internal static class CatalogFormat
{
    /// <summary>
    /// The catalog format version this build writes; it reads this one and older ones. 2 added the table options to
    /// <c>__tables</c>: a build that reads only format 1 would ignore them (and let a change that misreads rows
    /// through), so it must refuse a store this build has opened read-write.
    /// </summary>
    public const int Current = 2;

    /// <summary>The key of the single <c>__store</c> row.</summary>
    public const string RecordName = "catalog";
}
