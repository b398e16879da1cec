using TypedStore.Keys;

namespace TypedStore.Features.Indexes;

/// <summary>
/// What the generator emits per index (a struct with static members, like the table's row codec): how a row's index
/// parts are encoded. The runtime never reflects over the row: <see cref="TableIndex{TRow, TCodec}"/> calls these
/// directly, once per index per written row.
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IIndexCodec<TRow>
{
    /// <summary>The index's name, as declared.</summary>
    static abstract string Name { get; }

    /// <summary>
    /// Writes the entry prefix of <paramref name="row"/>: on a User table its user id, then each index part in order
    /// (a nullable part, and every string or byte[] part, behind a presence byte: 0 null, 1 a value). Returns whether a
    /// part is null (such an entry is not subject to uniqueness).
    /// </summary>
    static abstract bool WriteEntryPrefix(ref KeyWriter writer, TRow row);

    /// <summary>The row's index parts rendered for messages, e.g. <c>("dee", Open)</c>.</summary>
    static abstract string Render(TRow row);
}
