namespace TypedStore.Tables;

/// <summary>
/// Measures key prefixes in one table's encoded keys: built once per table, by the generated accessor, where the
/// codec is known to be an <see cref="IKeyPrefixCodec{TRow, TKey}"/> (<see cref="KeyPrefixLengths{TRow, TKey, TCodec}"/>),
/// and handed to the table core only for a stream whose time-ordered id follows partition parts (eviction and id
/// recovery seek partition by partition).
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public abstract class KeyPrefixLengths
{
    private protected KeyPrefixLengths()
    {
    }

    /// <summary>
    /// The length of the first <paramref name="parts"/> key parts at the start of <paramref name="encodedKey"/>
    /// (<see cref="IKeyPrefixCodec{TRow, TKey}.GetPrefixLength"/>); throws <see cref="Keys.KeyFormatException"/>
    /// when the bytes do not hold that many parts.
    /// </summary>
    internal abstract int Measure(ReadOnlySpan<byte> encodedKey, int parts);
}

/// <summary>The <see cref="KeyPrefixLengths"/> of the table whose codec is <typeparamref name="TCodec"/>.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class KeyPrefixLengths<TRow, TKey, TCodec> : KeyPrefixLengths
    where TKey : struct
    where TCodec : struct, IKeyPrefixCodec<TRow, TKey>
{
    /// <inheritdoc/>
    internal override int Measure(ReadOnlySpan<byte> encodedKey, int parts) => TCodec.GetPrefixLength(encodedKey, parts);
}
