using MessagePack;
using TypedStore.Features.ChangeFeed;
using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <content>
/// The change feed of <c>ChangeFeed</c> tables: reading it back (the table's whole feed, or one user's). Changes are
/// written by the table's <see cref="ChangeFeedInterceptor"/> and the store's <see cref="ChangeFeedLog"/> at commit.
/// </content>
public sealed partial class TableCore<TRow, TKey, TCodec>
{
    /// <summary>
    /// The table's changes with a sequence greater than <paramref name="sinceSequence"/>, in commit order. Lazy;
    /// reads only this table's range of the change log. Pass 0 for every change, then the last sequence seen.
    /// </summary>
    public IEnumerable<TableChange<TRow, TKey>> ReadChanges(long sinceSequence, StoreSnapshotRuntime? snapshot)
    {
        ChangeFeedTable feed = RequireChangeFeed();
        ArgumentOutOfRangeException.ThrowIfNegative(sinceSequence);
        _store.ThrowIfDisposed();
        return ReadTableChanges(feed, sinceSequence, snapshot);
    }

    /// <summary>
    /// One user's changes with a sequence greater than <paramref name="sinceSequence"/>, in commit order: read from
    /// the per-user index (only this user's entries), each pointing at its change. <paramref name="userPrefix"/> is
    /// the encoded user id (the first key part).
    /// </summary>
    public IEnumerable<TableChange<TRow, TKey>> ReadChanges(ReadOnlySpan<byte> userPrefix, long sinceSequence, StoreSnapshotRuntime? snapshot)
    {
        ChangeFeedTable feed = RequireChangeFeed();
        if (!feed.IsUserTable)
        {
            throw new InvalidOperationException($"Table '{Descriptor.Name}' is not a User table; read its changes without a user id.");
        }

        if (userPrefix.IsEmpty)
        {
            throw new ArgumentException("The user prefix is empty.", nameof(userPrefix));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sinceSequence);
        _store.ThrowIfDisposed();
        byte[] indexPrefix = new byte[feed.Prefix.Length + userPrefix.Length];
        feed.Prefix.CopyTo(indexPrefix, 0);
        userPrefix.CopyTo(indexPrefix.AsSpan(feed.Prefix.Length));
        return ReadUserChanges(feed, indexPrefix, sinceSequence, snapshot);
    }

    private IEnumerable<TableChange<TRow, TKey>> ReadTableChanges(ChangeFeedTable feed, long sinceSequence, StoreSnapshotRuntime? snapshot)
    {
        if (sinceSequence == long.MaxValue)
        {
            yield break;
        }

        byte[] lower = new byte[feed.Prefix.Length + ChangeFeedLog.SequenceLength];
        ChangeFeedLog.WriteLogKey(lower, feed.Prefix, sinceSequence + 1);
        KeyBounds table = KeyBounds.ForPrefix(feed.Prefix);
        using StorageIterator iterator = _store.Engine.CreateIterator(feed.Log.Log, lower, table.Upper, snapshot?.Snapshot);
        using ValueBuffer record = new();
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            long sequence = ReadChangeSequence(iterator.Key, feed.Prefix.Length);
            CopyCurrentValue(iterator, record);
            yield return DecodeChange(sequence, record.WrittenMemory);
            _store.ThrowIfDisposed();
        }
    }

    private IEnumerable<TableChange<TRow, TKey>> ReadUserChanges(ChangeFeedTable feed, byte[] indexPrefix, long sinceSequence, StoreSnapshotRuntime? snapshot)
    {
        if (sinceSequence == long.MaxValue)
        {
            yield break;
        }

        StorageEngine engine = _store.Engine;
        StorageSnapshot? storageSnapshot = snapshot?.Snapshot;
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
            _store.ThrowIfDisposed();
        }
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
        TKey keyParts = kind == ChangeKind.DeleteUser ? DecodeUserKey(key.Span) : DecodeKey(key.Span);
        TRow? row = kind == ChangeKind.Put
            ? DecodeRow(key.Span, keyParts, record[(ChangeRecord.HeaderLength + keyLength)..])
            : default;
        return new TableChange<TRow, TKey>(sequence, kind, new DateTimeOffset(ticks, TimeSpan.Zero), keyParts, row);
    }

    private TKey DecodeUserKey(ReadOnlySpan<byte> userPrefix)
    {
        try
        {
            // Only a user table records DeleteUser changes (and only it has user keys): elsewhere the record is corrupt.
            UserKeys<TKey> userKeys = _userKeys ?? throw new FormatException("The table is not a user table.");
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
            throw Corrupt(userPrefix, "the user id of a DeleteUser change cannot be decoded", ex);
        }
    }

    private CorruptDataException CorruptChange(long sequence, string reason)
        => new($"Table '{Descriptor.Name}': change {sequence} of the change feed is corrupt ({reason}).")
        {
            Table = Descriptor.Name,
        };

    private ChangeFeedTable RequireChangeFeed()
        => _features?.ChangeFeed ?? throw new InvalidOperationException($"Table '{Descriptor.Name}' does not have ChangeFeed = true; it records no changes.");
}
