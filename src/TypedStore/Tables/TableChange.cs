namespace TypedStore.Tables;

/// <summary>
/// One change read back from a table's change feed. Generated tables map it to their own public
/// <c>{Table}Change</c> type, which spells the key parts out.
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
/// <typeparam name="TKey">The generated struct of key parts.</typeparam>
/// <param name="Sequence">The store-wide commit sequence: increasing in commit order, unique across every table of the store.</param>
/// <param name="Kind">What the change did.</param>
/// <param name="Timestamp">When it was committed, per <see cref="StoreOptions.TimeProvider"/> (for puts, the row's <c>_updated</c>).</param>
/// <param name="Key">The changed row's key; for <see cref="ChangeKind.DeleteUser"/> only the user part is set.</param>
/// <param name="Row">The row written, for <see cref="ChangeKind.Put"/>; otherwise the default.</param>
public readonly record struct TableChange<TRow, TKey>(long Sequence, ChangeKind Kind, DateTimeOffset Timestamp, TKey Key, TRow? Row)
    where TKey : struct;
