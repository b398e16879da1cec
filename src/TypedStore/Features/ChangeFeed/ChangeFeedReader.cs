using System.Runtime.CompilerServices;
using MessagePack;
using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Transactions;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Values;

namespace TypedStore.Features.ChangeFeed;

/// <summary>
/// The change feed of a <c>ChangeFeed</c> table, read back: the table's whole feed, or one user's. The table's
/// <see cref="TableCore{TRow, TKey, TCodec}.ChangeFeed"/> is this object for a ChangeFeed table and
/// <see langword="null"/> otherwise. Changes are written by the table's <see cref="ChangeFeedInterceptor"/> and the
/// store's <see cref="ChangeFeedLog"/> at commit.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
/// <remarks>
/// Reads are lazy: the context's snapshot is read when the enumeration starts. In a transaction the committed changes
/// of its snapshot come first, then the transaction's own pending changes in the order it recorded them, each with
/// <see cref="TableChange{TRow, TKey}.Sequence"/> 0: sequences are given at commit (docs/transactions.md, "The change
/// feed in a transaction").
/// </remarks>
[SkipLocalsInit]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class ChangeFeedReader<TRow, TKey, TCodec>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly ChangeFeedTable _feed;

    internal ChangeFeedReader(TableCore<TRow, TKey, TCodec> table, ChangeFeedTable feed)
    {
        _table = table;
        _feed = feed;
    }

    private StoreRuntime Store => _table.Store;

    private TableDescriptor Descriptor => _table.Descriptor;

    /// <summary>
    /// The table's changes with a sequence greater than <paramref name="sinceSequence"/>, in commit order. Lazy;
    /// reads only this table's range of the change log. Pass 0 for every change, then the last sequence seen.
    /// </summary>
    public IEnumerable<TableChange<TRow, TKey>> ReadChanges<TContext>(in TContext context, long sinceSequence)
        where TContext : struct, IReadContext
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sinceSequence);
        Store.ThrowIfDisposed();
        return ReadTableChanges(_feed, sinceSequence, context);
    }

    /// <summary>
    /// One user's changes with a sequence greater than <paramref name="sinceSequence"/>, in commit order: read from
    /// the per-user index (only this user's entries), each pointing at its change. <paramref name="userPrefix"/> is
    /// the encoded user id (the first key part).
    /// </summary>
    public IEnumerable<TableChange<TRow, TKey>> ReadChanges<TContext>(in TContext context, ReadOnlySpan<byte> userPrefix, long sinceSequence)
        where TContext : struct, IReadContext
    {
        ChangeFeedTable feed = _feed;
        if (!feed.IsUserTable)
        {
            throw new InvalidOperationException($"Table '{Descriptor.Name}' is not a User table; read its changes without a user id.");
        }

        if (userPrefix.IsEmpty)
        {
            throw new ArgumentException("The user prefix is empty.", nameof(userPrefix));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sinceSequence);
        Store.ThrowIfDisposed();
        byte[] indexPrefix = new byte[feed.Prefix.Length + userPrefix.Length];
        feed.Prefix.CopyTo(indexPrefix, 0);
        userPrefix.CopyTo(indexPrefix.AsSpan(feed.Prefix.Length));
        return ReadUserChanges(feed, indexPrefix, sinceSequence, context);
    }

    private IEnumerable<TableChange<TRow, TKey>> ReadTableChanges<TContext>(ChangeFeedTable feed, long sinceSequence, TContext context)
        where TContext : struct, IReadContext
    {
        if (sinceSequence == long.MaxValue)
        {
            yield break;
        }

        byte[] lower = new byte[feed.Prefix.Length + ChangeFeedLog.SequenceLength];
        ChangeFeedLog.WriteLogKey(lower, feed.Prefix, sinceSequence + 1);
        KeyBounds table = KeyBounds.ForPrefix(feed.Prefix);
        using StorageIterator iterator = Store.Engine.CreateIterator(feed.Log.Log, lower, table.Upper, context.Snapshot);
        using ValueBuffer record = new();
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            long sequence = ReadChangeSequence(iterator.Key, feed.Prefix.Length);
            CopyCurrentValue(iterator, record);
            yield return DecodeChange(sequence, record.WrittenMemory);
            Store.ThrowIfDisposed();
        }

        foreach (TableChange<TRow, TKey> change in PendingChanges(feed, context.Snapshot, userPrefix: default))
        {
            yield return change;
        }
    }

    private IEnumerable<TableChange<TRow, TKey>> ReadUserChanges<TContext>(ChangeFeedTable feed, byte[] indexPrefix, long sinceSequence, TContext context)
        where TContext : struct, IReadContext
    {
        if (sinceSequence == long.MaxValue)
        {
            yield break;
        }

        StorageEngine engine = Store.Engine;
        StorageSnapshot? storageSnapshot = context.Snapshot;
        byte[] lower = new byte[indexPrefix.Length + ChangeFeedLog.SequenceLength];
        ChangeFeedLog.WriteLogKey(lower, indexPrefix, sinceSequence + 1);
        KeyBounds user = KeyBounds.ForPrefix(indexPrefix);
        byte[] logKey = new byte[feed.Prefix.Length + ChangeFeedLog.SequenceLength];
        using StorageIterator iterator = engine.CreateIterator(feed.Log.UserIndex, lower, user.Upper, storageSnapshot);
        using ValueBuffer record = new();
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            long sequence = ReadChangeSequence(iterator.Key, indexPrefix.Length);
            ChangeFeedLog.WriteLogKey(logKey, feed.Prefix, sequence);
            record.Clear();
            if (!engine.TryGet(feed.Log.Log, logKey, record, storageSnapshot))
            {
                // Both entries are written by one atomic write and never removed apart.
                throw CorruptChange(sequence, "the per-user index points at a change that is not in the log");
            }

            yield return DecodeChange(sequence, record.WrittenMemory);
            Store.ThrowIfDisposed();
        }

        foreach (TableChange<TRow, TKey> change in PendingChanges(feed, storageSnapshot, indexPrefix.AsMemory(feed.Prefix.Length)))
        {
            yield return change;
        }
    }

    /// <summary>
    /// A transaction's own changes of this table not committed yet (of one user when <paramref name="userPrefix"/> is
    /// not empty), in record order, sequence 0; none outside a transaction. Taken when the committed ones are read, so
    /// writes the reader makes while it enumerates do not move it.
    /// </summary>
    private List<TableChange<TRow, TKey>> PendingChanges(ChangeFeedTable feed, StorageSnapshot? snapshot, ReadOnlyMemory<byte> userPrefix)
    {
        List<TableChange<TRow, TKey>> changes = [];
        if (snapshot is not TransactionView view)
        {
            return changes;
        }

        WriteSet writes = view.PendingWrites;
        foreach (WriteNote note in writes.Notes)
        {
            if (!ReferenceEquals(note.State, feed))
            {
                continue;
            }

            ReadOnlySpan<byte> key = writes.RowKey(note.Op);
            if (!userPrefix.IsEmpty && !key[..note.Value].SequenceEqual(userPrefix.Span))
            {
                continue;
            }

            ref readonly WriteOp op = ref writes.Op(note.Op);
            ChangeKind kind = op.Change!.Value;
            TKey keyParts = kind == ChangeKind.DeleteUser ? DecodeUserKey(key) : _table.DecodeKey(key);
            TRow? row = kind == ChangeKind.Put ? _table.DecodeRow(key, keyParts, writes.Value(note.Op).ToArray()) : default;
            changes.Add(new TableChange<TRow, TKey>(0, kind, new DateTimeOffset(op.UtcTicks, TimeSpan.Zero), keyParts, row));
        }

        return changes;
    }

    private static void CopyCurrentValue(StorageIterator iterator, ValueBuffer destination)
    {
        ReadOnlySpan<byte> value = iterator.Value;
        destination.Clear();
        value.CopyTo(destination.GetSpan(value.Length));
        destination.Advance(value.Length);
    }

    private long ReadChangeSequence(ReadOnlySpan<byte> key, int prefixLength)
    {
        if (key.Length != prefixLength + ChangeFeedLog.SequenceLength)
        {
            throw new CorruptDataException($"Table '{Descriptor.Name}': a change-feed key {KeyDisplay.Render(key)} is corrupt ({key.Length} bytes, expected {prefixLength + ChangeFeedLog.SequenceLength}).")
            {
                Table = Descriptor.Name,
                Key = KeyDisplay.Render(key),
            };
        }

        return ChangeFeedLog.ReadSequence(key);
    }

    private TableChange<TRow, TKey> DecodeChange(long sequence, ReadOnlyMemory<byte> record)
    {
        if (!ChangeRecord.TryRead(record.Span, out ChangeKind kind, out long ticks, out int keyLength))
        {
            throw CorruptChange(sequence, $"its record ({record.Length} bytes) is not a change this build understands");
        }

        ReadOnlyMemory<byte> key = record.Slice(ChangeRecord.HeaderLength, keyLength);
        TKey keyParts = kind == ChangeKind.DeleteUser ? DecodeUserKey(key.Span) : _table.DecodeKey(key.Span);
        TRow? row = kind == ChangeKind.Put
            ? _table.DecodeRow(key.Span, keyParts, record[(ChangeRecord.HeaderLength + keyLength)..])
            : default;
        return new TableChange<TRow, TKey>(sequence, kind, new DateTimeOffset(ticks, TimeSpan.Zero), keyParts, row);
    }

    private TKey DecodeUserKey(ReadOnlySpan<byte> userPrefix)
    {
        try
        {
            // Only a user table records DeleteUser changes (and only it has user keys): elsewhere the record is corrupt.
            UserKeys<TKey> userKeys = _table.UserKeys ?? throw new FormatException("The table is not a user table.");
            KeyReader reader = new(userPrefix);
            TKey key = userKeys.ReadUserKey(ref reader);
            if (!reader.IsAtEnd)
            {
                throw new FormatException($"{userPrefix.Length - reader.Position} unexpected bytes follow the user id.");
            }

            return key;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or MessagePackSerializationException)
        {
            throw _table.Corrupt(userPrefix, "the user id of a DeleteUser change cannot be decoded", ex);
        }
    }

    private CorruptDataException CorruptChange(long sequence, string reason)
        => new($"Table '{Descriptor.Name}': change {sequence} of the change feed is corrupt ({reason}).")
        {
            Table = Descriptor.Name,
        };

}
