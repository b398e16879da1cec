namespace TypedStore.Tables;

/// <summary>
/// The table naming rule, shared by the runtime and (as a copy) by the generator's TS0005 check:
/// a table name is also a column family name and a file-system-safe identifier.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class TableNames
{
    /// <summary>The rule, for error messages.</summary>
    public const string Rule = "use lower-case ASCII letters, digits and '_', starting with a letter ([a-z][a-z0-9_]*), at most 64 characters; '__' prefixes are reserved for the store's catalog and 'default' for the engine";

    /// <summary>The longest table name allowed.</summary>
    public const int MaxLength = 64;

    /// <summary>The prefix of the catalog's own column families (docs/schema-evolution.md); no application table may use it.</summary>
    public const string CatalogPrefix = "__";

    /// <summary>Whether <paramref name="name"/> is a catalog table's name: <see cref="CatalogPrefix"/> followed by a valid table name.</summary>
    public static bool IsCatalogName(string? name)
        => name is not null
            && name.Length <= MaxLength
            && name.StartsWith(CatalogPrefix, StringComparison.Ordinal)
            && IsValid(name[CatalogPrefix.Length..]);

    /// <summary>Whether <paramref name="name"/> is a valid table name.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name is "default" || !char.IsAsciiLetterLower(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
