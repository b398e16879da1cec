using TypedStore.Keys;
using TypedStore.Runtime.Writes;

namespace TypedStore.Features.ChangeFeed;

/// <summary>
/// The write side of a <c>ChangeFeed</c> table: every row operation it records (put, delete, soft delete, restore,
/// purge, user delete) leaves a pending change, a note for the store's <see cref="ChangeFeedLog"/>, which gives the
/// changes their sequences inside the commit, under its gate, in the order they were recorded.
/// </summary>
internal sealed class ChangeFeedInterceptor : IWriteInterceptor
{
    private readonly ChangeFeedTable _table;
    private readonly UserPrefixLength? _userPrefixLength;

    /// <param name="table">The table's place in the change log.</param>
    /// <param name="userPrefixLength">For user tables, the user prefix of a row key (its per-user index entry's key).</param>
    public ChangeFeedInterceptor(ChangeFeedTable table, UserPrefixLength? userPrefixLength)
    {
        _table = table;
        _userPrefixLength = table.IsUserTable ? userPrefixLength ?? throw new ArgumentNullException(nameof(userPrefixLength)) : null;
    }

    /// <inheritdoc/>
    public int MaxRowKeyLength => KeyLimits.MaxKeyLength;

    /// <inheritdoc/>
    public ICommitStep? CommitStep => _table.Log;

    /// <summary>Yes: the feed records one change per row removed, so a consumer replaying it removes exactly those rows.</summary>
    public bool NeedsRowsOfRangeDeletes => true;

    /// <inheritdoc/>
    public void ThrowRowKeyTooLong(WriteTable table, int length)
    {
    }

    /// <inheritdoc/>
    public bool TryRecordDelete(WriteSet writes, WriteTable table, ReadOnlySpan<byte> rowKey, long utcTicks, out int op)
    {
        op = -1;
        return false;
    }

    /// <inheritdoc/>
    public void OnRecorded(WriteSet writes, int op)
    {
        if (writes.Op(op).Change is not { } change)
        {
            return;
        }

        writes.AddNote(new WriteNote(_table.Log, _table, op, UserPrefixLengthOf(writes.RowKey(op), change)));
    }

    // For user tables, the user prefix (the first key part) of a change's key; a DeleteUser's key is the prefix itself.
    private int UserPrefixLengthOf(ReadOnlySpan<byte> rowKey, ChangeKind change)
    {
        if (_userPrefixLength is null)
        {
            return 0;
        }

        return change == ChangeKind.DeleteUser ? rowKey.Length : _userPrefixLength(rowKey);
    }
}
