using TypedStore.Keys;

namespace TypedStore.Tables;

/// <summary>
/// The codec role of tables whose runtime measures key prefixes in encoded keys: a stream whose time-ordered id
/// follows partition parts (eviction and id recovery work partition by partition), and, through
/// <see cref="IUserKeyCodec{TRow, TKey}"/>, a user table with a change feed (its user prefix). Generated codecs implement
/// it only for those tables; <see cref="KeyPrefixLengths{TRow, TKey, TCodec}"/> is the runtime's handle on it.
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
/// <typeparam name="TKey">A struct holding the row's key parts, in key order.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IKeyPrefixCodec<TRow, TKey> : IRowCodec<TRow, TKey>
    where TKey : struct
{
    /// <summary>
    /// The length of the encoding of the first <paramref name="parts"/> key parts at the start of
    /// <paramref name="encodedKey"/> (a user table's user prefix, a stream table's partition before its generated part).
    /// Throws <see cref="KeyFormatException"/> when the bytes do not hold that many parts.
    /// </summary>
    static abstract int GetPrefixLength(ReadOnlySpan<byte> encodedKey, int parts);
}
