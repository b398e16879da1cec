namespace TypedStore.Tables.Changes;

/// <summary>
/// A change recorded in a store batch, waiting for <c>Commit</c> to give it its sequence (sequences are assigned
/// at commit, under the change log's lock, so that commit order is sequence order). Owns copies of its bytes,
/// because the batch outlives the caller's buffers.
/// </summary>
/// <param name="Table">The table changed.</param>
/// <param name="Kind">What changed.</param>
/// <param name="UtcTicks">When (the row's <c>_updated</c> for puts).</param>
/// <param name="Key">The encoded row key (the user prefix for <see cref="ChangeKind.DeleteUser"/>).</param>
/// <param name="UserPrefixLength">For user tables, how many leading bytes of <paramref name="Key"/> are the user prefix; otherwise 0.</param>
/// <param name="RowValue">The stored row value, for puts; otherwise empty.</param>
internal sealed record PendingChange(ChangeFeedTable Table, ChangeKind Kind, long UtcTicks, byte[] Key, int UserPrefixLength, byte[] RowValue);
