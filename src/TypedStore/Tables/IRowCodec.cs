using MessagePack;
using TypedStore.Keys;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// The generated, per-table encoder and decoder of rows. Implemented by a generated <see langword="struct"/>
/// with static members only, so <see cref="TableCore{TRow, TKey, TCodec}"/> is specialised by the JIT for each
/// table: every call below is direct and inlinable, and nothing is boxed.
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
/// <typeparam name="TKey">A struct holding the row's key parts, in key order.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IRowCodec<TRow, TKey>
    where TKey : struct
{
    /// <summary>Extracts the key parts of <paramref name="row"/>.</summary>
    static abstract TKey GetKey(TRow row);

    /// <summary>Encodes every key part, in key order (docs/key-encoding.md).</summary>
    static abstract void WriteKey(ref KeyWriter writer, in TKey key);

    /// <summary>Decodes every key part written by <see cref="WriteKey"/>; the caller checks that nothing is left.</summary>
    static abstract TKey ReadKey(ref KeyReader reader);

    /// <summary>Writes the row's non-key members as one MessagePack array, in declaration order.</summary>
    static abstract void WriteValue(ref ValueWriter writer, TRow row);

    /// <summary>
    /// Reads the array written by <see cref="WriteValue"/> and builds the row with <paramref name="key"/>'s parts.
    /// A shorter array (an older schema) leaves the missing trailing members at their defaults; extra trailing
    /// elements (a newer schema) are skipped.
    /// </summary>
    static abstract TRow ReadValue(ref MessagePackReader reader, in TKey key);

    /// <summary>
    /// For tables with a <c>[Key(Generated = true)]</c> part: that part's value. Generated codecs of such tables
    /// implement it; nothing calls it for other tables.
    /// </summary>
    static virtual long GetGeneratedId(in TKey key)
        => throw new NotSupportedException("This table has no generated key part.");

    /// <summary>
    /// For tables with a <c>[Key(Generated = true)]</c> part: a copy of <paramref name="row"/> whose generated part
    /// is <paramref name="id"/> (<c>row with { Id = id }</c> for records; rebuilt like <see cref="ReadValue"/> for classes).
    /// </summary>
    static virtual TRow WithGeneratedId(TRow row, long id)
        => throw new NotSupportedException("This table has no generated key part.");

    /// <summary>
    /// The index of the <c>[Key(Generated = true)]</c> key part, or -1 when the table has none. A Stream table
    /// assigns it time-ordered ids on <c>Append</c>, and its expiry and eviction read them.
    /// </summary>
    static virtual int GeneratedKeyPart => -1;

    /// <summary>Whether the generated key part sorts descending (a Stream table then ages rows by <c>_updated</c>).</summary>
    static virtual bool GeneratedKeyDescending => false;

    /// <summary>
    /// The length of the encoding of the first <paramref name="parts"/> key parts at the start of
    /// <paramref name="encodedKey"/> (a user table's user prefix, a stream table's partition before its generated part).
    /// Throws <see cref="KeyFormatException"/> when the bytes do not hold that many parts.
    /// </summary>
    static virtual int GetPrefixLength(ReadOnlySpan<byte> encodedKey, int parts)
        => throw new NotSupportedException("The table's codec does not measure key prefixes.");

    /// <summary>Decodes only the first key part (a user table's user id); the other parts are left at their defaults.</summary>
    static virtual TKey ReadUserKey(ref KeyReader reader)
        => throw new NotSupportedException("The table is not a user table.");
}
