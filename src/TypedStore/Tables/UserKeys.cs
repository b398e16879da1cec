using TypedStore.Keys;

namespace TypedStore.Tables;

/// <summary>
/// The user part of one user table's keys, as its change feed needs it: built once per table, by the generated
/// accessor, where the codec is known to be an <see cref="IUserKeyCodec{TRow, TKey}"/>
/// (<see cref="UserKeys{TRow, TKey, TCodec}"/>), and handed to the table core only for a user table with a change feed
/// (it indexes each change by its user prefix and decodes the user-only key of a <c>DeleteUser</c> change).
/// </summary>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public abstract class UserKeys<TKey>
    where TKey : struct
{
    private protected UserKeys()
    {
    }

    /// <summary>The length of the user prefix (the first key part) at the start of <paramref name="rowKey"/>.</summary>
    internal abstract int UserPrefixLength(ReadOnlySpan<byte> rowKey);

    /// <summary>Decodes only the user id (<see cref="IUserKeyCodec{TRow, TKey}.ReadUserKey"/>).</summary>
    internal abstract TKey ReadUserKey(ref KeyReader reader);
}

/// <summary>The <see cref="UserKeys{TKey}"/> of the user table whose codec is <typeparamref name="TCodec"/>.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class UserKeys<TRow, TKey, TCodec> : UserKeys<TKey>
    where TKey : struct
    where TCodec : struct, IUserKeyCodec<TRow, TKey>
{
    /// <inheritdoc/>
    internal override int UserPrefixLength(ReadOnlySpan<byte> rowKey) => TCodec.GetPrefixLength(rowKey, 1);

    /// <inheritdoc/>
    internal override TKey ReadUserKey(ref KeyReader reader) => TCodec.ReadUserKey(ref reader);
}
