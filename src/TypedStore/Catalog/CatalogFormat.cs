namespace TypedStore.Catalog;

/// <summary>The catalog format this build writes and the key of the row recording it.</summary>
internal static class CatalogFormat
{
    /// <summary>
    /// The catalog format version this build writes; it reads this one and older ones. Each version is one a build
    /// reading only the older ones must refuse, once this build has opened the store read-write:
    /// <list type="bullet">
    /// <item>2 added the table options to <c>__tables</c>: a format-1 build would ignore them (and let a change that
    /// misreads rows through);</item>
    /// <item>3 added indexes (<c>__indexes</c>, one column family per index): a format-2 build knows no index, so it
    /// would write rows without their entries and leave every index stale.</item>
    /// </list>
    /// </summary>
    public const int Current = 3;

    /// <summary>The key of the single <c>__store</c> row.</summary>
    public const string RecordName = "catalog";
}
