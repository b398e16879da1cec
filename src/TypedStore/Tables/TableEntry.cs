namespace TypedStore.Tables;

/// <summary>A row together with its system columns.</summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
/// <param name="Row">The row.</param>
/// <param name="Updated">When the row was last written (<c>_updated</c>), in UTC, per <see cref="StoreOptions.TimeProvider"/>.</param>
/// <param name="IsDeleted">Whether the row is soft-deleted (<c>_deleted</c>); always <see langword="false"/> for tables without <c>SoftDelete</c>.</param>
public readonly record struct TableEntry<TRow>(TRow Row, DateTimeOffset Updated, bool IsDeleted)
{
    /// <summary>When the row was soft-deleted, in UTC; <see langword="null"/> while it is live.</summary>
    public DateTimeOffset? Deleted { get; init; }
}
