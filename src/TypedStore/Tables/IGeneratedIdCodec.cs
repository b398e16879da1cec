namespace TypedStore.Tables;

/// <summary>
/// The codec role of tables with a <c>[Key(Generated = true)]</c> part: where that part is, its value, and a copy of a
/// row with another one. Generated codecs implement it only for such tables, and the runtime members that need it
/// (Insert, Append, the <c>*AdvancingIds</c> puts, <see cref="GeneratedIdKeys{TRow, TKey, TCodec}"/>) constrain their
/// codec to it, so calling them for any other table does not compile.
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
/// <typeparam name="TKey">A struct holding the row's key parts, in key order.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IGeneratedIdCodec<TRow, TKey> : IRowCodec<TRow, TKey>
    where TKey : struct
{
    /// <summary>
    /// The index of the <c>[Key(Generated = true)]</c> key part. A Stream table assigns it time-ordered ids on
    /// <c>Append</c>, and its expiry and eviction read them.
    /// </summary>
    static abstract int GeneratedKeyPart { get; }

    /// <summary>Whether the generated key part sorts descending (a Stream table then ages rows by <c>_updated</c>).</summary>
    static abstract bool GeneratedKeyDescending { get; }

    /// <summary>The generated key part's value.</summary>
    static abstract long GetGeneratedId(in TKey key);

    /// <summary>
    /// A copy of <paramref name="row"/> whose generated part is <paramref name="id"/> (<c>row with { Id = id }</c> for
    /// records; rebuilt like <see cref="IRowCodec{TRow, TKey}.ReadValue"/> for classes).
    /// </summary>
    static abstract TRow WithGeneratedId(TRow row, long id);
}
