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
}
