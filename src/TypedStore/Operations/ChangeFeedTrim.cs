using System.Globalization;
using TypedStore.Features.ChangeFeed;
using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Operations;

/// <summary>
/// Change-feed retention (docs/operations.md, "Change-feed retention"): removes the oldest changes of each
/// ChangeFeed table, and their per-user index entries, with range deletes.
/// </summary>
/// <remarks>
/// <para>A feed is trimmed as a prefix in sequence order: every change before the table's first change committed at or
/// after the cutoff goes. A reader that asks for changes since a sequence then sees a feed that starts later, never one
/// with holes. Commit times follow sequences (both are taken in commit order, up to the clock's resolution), so this is
/// exactly "every change older than the cutoff" unless the clock went back; a change then stays until the changes before
/// it are old enough.</para>
/// <para>A sequence is visible only after every lower one was committed (the log's lock covers sequence and write), so
/// the range deletes never reach a commit still in flight. The per-user index entries go in writes before (or with) the
/// log's range delete, so no index entry ever points at a change that is gone.</para>
/// </remarks>
internal static class ChangeFeedTrim
{
    // Users whose index entries one write removes; the log's range delete joins the last write.
    private const int UsersPerWrite = 10_000;

    /// <summary>Trims every ChangeFeed table of <paramref name="tables"/>; returns how many changes were removed.</summary>
    public static long Trim(StoreRuntime runtime, IReadOnlyList<TableDescriptor> tables, DateTimeOffset olderThan)
    {
        ChangeFeedLog? log = null;
        long removed = 0;
        foreach (TableDescriptor table in tables)
        {
            if (!table.ChangeFeed)
            {
                continue;
            }

            log ??= runtime.GetChangeFeedLog();
            removed += TrimTable(runtime.Engine, new ChangeFeedTable(log, table), olderThan.UtcTicks);
        }

        return removed;
    }

    private static long TrimTable(StorageEngine engine, ChangeFeedTable table, long cutoffTicks)
    {
        byte[] prefix = table.Prefix;
        KeyBounds bounds = KeyBounds.ForPrefix(prefix);
        long count = 0;
        long firstKept = -1;
        long lastSeen = 0;
        using (StorageIterator iterator = engine.CreateIterator(table.Log.Log, bounds.Lower, bounds.Upper))
        {
            for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
            {
                long sequence = ChangeFeedLog.ReadSequence(iterator.Key);
                if (!ChangeRecord.TryRead(iterator.Value, out _, out long ticks, out _))
                {
                    throw new CorruptDataException(
                        $"Table '{table.Name}': change {sequence.ToString(CultureInfo.InvariantCulture)} of the change feed is corrupt, so the feed cannot be trimmed past it.")
                    {
                        Table = table.Name,
                    };
                }

                if (ticks >= cutoffTicks)
                {
                    firstKept = sequence;
                    break;
                }

                lastSeen = sequence;
                count++;
            }
        }

        if (count == 0)
        {
            return 0;
        }

        long end = firstKept >= 0 ? firstKept : lastSeen + 1;
        using StorageWriteBatch batch = engine.CreateWriteBatch();
        if (table.IsUserTable)
        {
            DeleteUserIndexEntries(engine, table, end, batch);
        }

        byte[] start = new byte[prefix.Length + ChangeFeedLog.SequenceLength];
        byte[] stop = new byte[prefix.Length + ChangeFeedLog.SequenceLength];
        ChangeFeedLog.WriteLogKey(start, prefix, 0);
        ChangeFeedLog.WriteLogKey(stop, prefix, end);
        batch.DeleteRange(table.Log.Log, start, stop);
        engine.Write(batch);
        return count;
    }

    // Per user: its index entries are prefix || user || sequence in sequence order; the user's first entry tells whether
    // anything of it goes, and one range delete removes what does. One seek past each user.
    private static void DeleteUserIndexEntries(StorageEngine engine, ChangeFeedTable table, long end, StorageWriteBatch batch)
    {
        byte[] prefix = table.Prefix;
        KeyBounds bounds = KeyBounds.ForPrefix(prefix);
        using StorageIterator iterator = engine.CreateIterator(table.Log.UserIndex, bounds.Lower, bounds.Upper);
        iterator.SeekToFirst();
        while (iterator.IsValid)
        {
            ReadOnlySpan<byte> key = iterator.Key;
            if (key.Length <= prefix.Length + ChangeFeedLog.SequenceLength)
            {
                throw new CorruptDataException($"Table '{table.Name}': a per-user change-feed index key {KeyDisplay.Render(key)} is too short to hold a user and a sequence.")
                {
                    Table = table.Name,
                    Key = KeyDisplay.Render(key),
                };
            }

            byte[] userPrefix = key[..^ChangeFeedLog.SequenceLength].ToArray();
            if (ChangeFeedLog.ReadSequence(key) < end)
            {
                byte[] start = new byte[userPrefix.Length + ChangeFeedLog.SequenceLength];
                byte[] stop = new byte[userPrefix.Length + ChangeFeedLog.SequenceLength];
                ChangeFeedLog.WriteLogKey(start, userPrefix, 0);
                ChangeFeedLog.WriteLogKey(stop, userPrefix, end);
                batch.DeleteRange(table.Log.UserIndex, start, stop);
                if (batch.Count >= UsersPerWrite)
                {
                    engine.Write(batch);
                    batch.Clear();
                }
            }

            byte[] next = new byte[userPrefix.Length];
            if (!KeyRange.TryGetPrefixUpperBound(userPrefix, next, out int nextLength))
            {
                return;
            }

            iterator.Seek(next.AsSpan(0, nextLength));
        }
    }
}
