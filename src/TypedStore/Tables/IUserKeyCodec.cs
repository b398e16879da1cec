using TypedStore.Keys;

namespace TypedStore.Tables;

/// <summary>
/// The codec role of user tables with a change feed: a <c>DeleteUser</c> change holds only the user id, so the feed
/// decodes user-only keys, and it indexes every change by its user prefix (<see cref="IKeyPrefixCodec{TRow, TKey}"/> with
/// one part). Generated codecs implement it only for those tables; <see cref="UserKeys{TRow, TKey, TCodec}"/> is the
/// runtime's handle on it.
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
/// <typeparam name="TKey">A struct holding the row's key parts, in key order.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IUserKeyCodec<TRow, TKey> : IKeyPrefixCodec<TRow, TKey>
    where TKey : struct
{
    /// <summary>Decodes only the first key part (the user id); the other parts are left at their defaults.</summary>
    static abstract TKey ReadUserKey(ref KeyReader reader);
}
