namespace TypedStore.Catalog;

/// <summary>
/// The one row of <c>__store</c>: which catalog format the store was written in. Its first member is the format
/// version in every format, so any build can read it and refuse a newer catalog before touching anything else.
/// </summary>
/// <param name="Name">Always <see cref="CatalogFormat.RecordName"/>.</param>
/// <param name="FormatVersion">The catalog format version (<see cref="CatalogFormat.Current"/> for stores this build creates).</param>
/// <param name="Created">When the catalog was created.</param>
[Table("__store", Kind = TableKind.System)]
internal sealed record CatalogFormatRecord([property: Key] string Name, int FormatVersion, DateTimeOffset Created);
