using TypedStore.Values;

namespace TypedStore.Runtime.Reads;

/// <summary>
/// A feature's part in a table's reads that hides rows (stream expiry; later, e.g., a row-level policy): one predicate
/// every read runs on each row it found, point read, scan and count alike. A table holds its filters as one array in
/// module order, built once when the table is created; a table without any keeps the plain read paths.
/// </summary>
/// <remarks>
/// How rows sit in the column family (a soft-deleted row's marker beside it) is not a filter's business but the
/// table's <see cref="RowReader"/>'s: filters see rows, never the entries beside them.
/// </remarks>
/// <typeparam name="TKey">The table's struct of key parts.</typeparam>
internal interface IReadFilter<TKey>
    where TKey : struct
{
    /// <summary>What <see cref="Hides"/> reads; a count fetches the header or decodes the key only when some filter needs it.</summary>
    ReadNeeds Needs { get; }

    /// <summary>Whether the row is invisible to readers at <paramref name="nowUtcTicks"/>.</summary>
    /// <param name="key">The row's key parts; <see langword="default"/> unless <see cref="Needs"/> has <see cref="ReadNeeds.DecodedKey"/>.</param>
    /// <param name="header">The row's value header; <see langword="default"/> unless <see cref="Needs"/> has <see cref="ReadNeeds.Header"/>.</param>
    /// <param name="nowUtcTicks">The read's moment; 0 unless <see cref="Needs"/> has <see cref="ReadNeeds.Clock"/>.</param>
    bool Hides(in TKey key, in ValueHeader header, long nowUtcTicks);
}
