using MessagePack;
using TypedStore.Keys;

namespace TypedStore.Tables;

/// <summary>
/// The generated, per-table encoder and decoder of rows. Implemented by a generated <see langword="struct"/>
/// with static members only, so <see cref="TableCore{TRow, TKey, TCodec}"/> is specialised by the JIT for each
/// table: every call below is direct and inlinable, and nothing is boxed.
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
/// <typeparam name="TKey">A struct holding the row's key parts, in key order.</typeparam>
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
    static abstract void WriteValue(ref MessagePackWriter writer, TRow row);

    /// <summary>
    /// Reads the array written by <see cref="WriteValue"/> and builds the row with <paramref name="key"/>'s parts.
    /// A shorter array (an older schema) leaves the missing trailing members at their defaults; extra trailing
    /// elements (a newer schema) are skipped.
    /// </summary>
    static abstract TRow ReadValue(ref MessagePackReader reader, in TKey key);

    /// <summary>
    /// The index of the key part marked <c>[Key(Generated = true)]</c> (a <see cref="long"/>), or -1 when the table has none.
    /// Stream tables assign it a time-ordered id on <c>Append</c>. Generated codecs override it only when there is one.
    /// </summary>
    static virtual int GeneratedKeyPart => -1;

    /// <summary>Whether the generated key part sorts descending.</summary>
    static virtual bool GeneratedKeyDescending => false;

    /// <summary>The value of the generated key part in <paramref name="key"/>.</summary>
    static virtual long GetGeneratedKey(in TKey key)
        => throw new NotSupportedException("The table has no generated key part.");

    /// <summary>A copy of <paramref name="row"/> whose generated key part is <paramref name="value"/>.</summary>
    static virtual TRow WithGeneratedKey(TRow row, long value)
        => throw new NotSupportedException("The table has no generated key part.");

    /// <summary>
    /// The length of the encoding of the first <paramref name="parts"/> key parts at the start of
    /// <paramref name="encodedKey"/> (a user table's user prefix, a stream table's partition before its generated part).
    /// Throws <see cref="KeyFormatException"/> when the bytes do not hold that many parts.
    /// </summary>
    static virtual int GetPrefixLength(ReadOnlySpan<byte> encodedKey, int parts)
        => throw new NotSupportedException("The table's codec does not measure key prefixes.");

    /// <summary>Decodes only the first key part (a user table's user id); the other parts are left at their defaults.</summary>
    static virtual TKey ReadUserKey(ref KeyReader reader)
        => throw new NotSupportedException("The table is not a user table with a change feed.");
}
