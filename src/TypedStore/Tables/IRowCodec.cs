using MessagePack;
using TypedStore.Keys;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// The generated, per-table encoder and decoder of rows. Implemented by a generated <see langword="struct"/>
/// with static members only, so <see cref="TableCore{TRow, TKey, TCodec}"/> is specialised by the JIT for each
/// table: every call below is direct and inlinable, and nothing is boxed.
/// </summary>
/// <remarks>
/// These are the members every table has. What only some tables need is in role interfaces a generated codec
/// implements only when its table has the feature: <see cref="IGeneratedIdCodec{TRow, TKey}"/> (a
/// <c>[Key(Generated = true)]</c> part), <see cref="IKeyPrefixCodec{TRow, TKey}"/> (measuring key prefixes) and
/// <see cref="IUserKeyCodec{TRow, TKey}"/> (a user table's change feed). Runtime members that need one constrain
/// their codec type parameter to it, so calling them for a table without the feature does not compile.
/// </remarks>
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
    /// Whether the key is one ascending string part, so the row cache can be keyed by the string itself
    /// (<see cref="KeyString"/>) instead of the encoded key: a hit then encodes nothing. Generated as
    /// <see langword="true"/> only for cached tables with such a key.
    /// </summary>
    static virtual bool KeyIsOneString => false;

    /// <summary>The key's only part, when <see cref="KeyIsOneString"/>.</summary>
    /// <exception cref="NotSupportedException">The key is not one string part.</exception>
    static virtual string KeyString(in TKey key) => throw new NotSupportedException("The key of this table is not one string part.");
}
