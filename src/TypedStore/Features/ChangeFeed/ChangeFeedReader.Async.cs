using System.Runtime.CompilerServices;
using TypedStore.Queries;
using TypedStore.Runtime.Contexts;
using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Values;

namespace TypedStore.Features.ChangeFeed;

/// <content>
/// <c>ReadChangesAsync</c>: the change log read a page at a time through the engine's <c>ReadPageAsync</c>; one user's
/// changes as pages of the per-user index, each page's changes then read with one <c>GetManyAsync</c> of the log. Every
/// page through one snapshot (the context's, or one taken with <c>CreateSnapshotAsync</c> when the enumeration starts),
/// as the synchronous read sees one view. A transaction's overlay keeps the synchronous read (it appends the
/// transaction's own pending changes).
/// </content>
public sealed partial class ChangeFeedReader<TRow, TKey, TCodec>
{
    // Changes of an async enumeration: the first page is small (a caller may stop early), later pages grow.
    private const int FirstChangesPage = 32;

    /// <summary>
    /// The async form of <see cref="ReadChanges{TContext}(in TContext, long)"/>: the table's changes with a sequence
    /// greater than <paramref name="sinceSequence"/>, in commit order, each mapped by <paramref name="map"/>. Lazy.
    /// </summary>
    public IAsyncEnumerable<TOut> ReadChangesAsync<TContext, TOut>(in TContext context, long sinceSequence, Func<TableChange<TRow, TKey>, TOut> map, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sinceSequence);
        ArgumentNullException.ThrowIfNull(map);
        Store.ThrowIfDisposed();
        return new AsyncChanges<TContext, TOut>(this, context, userPrefix: null, sinceSequence, map, cancellationToken);
    }

    /// <summary>
    /// The async form of <see cref="ReadChanges{TContext}(in TContext, ReadOnlySpan{byte}, long)"/>: one user's changes
    /// after <paramref name="sinceSequence"/>, in commit order, each mapped by <paramref name="map"/>. Lazy.
    /// </summary>
    public IAsyncEnumerable<TOut> ReadChangesAsync<TContext, TOut>(in TContext context, ReadOnlySpan<byte> userPrefix, long sinceSequence, Func<TableChange<TRow, TKey>, TOut> map, CancellationToken cancellationToken)
        where TContext : struct, IReadContext
    {
        if (!_feed.IsUserTable)
        {
            throw new InvalidOperationException($"Table '{Descriptor.Name}' is not a User table; read its changes without a user id.");
        }

        if (userPrefix.IsEmpty)
        {
            throw new ArgumentException("The user prefix is empty.", nameof(userPrefix));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sinceSequence);
        ArgumentNullException.ThrowIfNull(map);
        Store.ThrowIfDisposed();
        return new AsyncChanges<TContext, TOut>(this, context, userPrefix.ToArray(), sinceSequence, map, cancellationToken);
    }

    private async IAsyncEnumerable<TableChange<TRow, TKey>> ReadTableChangesAsync(StorageSnapshot snapshot, long sinceSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ChangeFeedTable feed = _feed;
        byte[] lower = new byte[feed.Prefix.Length + ChangeFeedLog.SequenceLength];
        ChangeFeedLog.WriteLogKey(lower, feed.Prefix, sinceSequence + 1);
        KeyBounds table = KeyBounds.ForPrefix(feed.Prefix);
        using PagedEntries entries = new(Store.Engine, feed.Log.Log, lower, table.Upper, reverse: false, snapshot, FirstChangesPage);
        using ValueBuffer record = new();
        while (await entries.ReadNextAsync(cancellationToken).ConfigureAwait(false))
        {
            StoragePage page = entries.Page;
            for (int i = 0; i < page.Count; i++)
            {
                long sequence = ReadChangeSequence(page.GetKey(i), feed.Prefix.Length);
                CopyValue(page.GetValue(i), record);
                yield return DecodeChange(sequence, record.WrittenMemory);
                Store.ThrowIfDisposed();
            }
        }
    }

    private async IAsyncEnumerable<TableChange<TRow, TKey>> ReadUserChangesAsync(StorageSnapshot snapshot, byte[] userPrefix, long sinceSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ChangeFeedTable feed = _feed;
        StorageEngine engine = Store.Engine;
        byte[] indexPrefix = new byte[feed.Prefix.Length + userPrefix.Length];
        feed.Prefix.CopyTo(indexPrefix, 0);
        userPrefix.CopyTo(indexPrefix, feed.Prefix.Length);
        byte[] lower = new byte[indexPrefix.Length + ChangeFeedLog.SequenceLength];
        ChangeFeedLog.WriteLogKey(lower, indexPrefix, sinceSequence + 1);
        KeyBounds user = KeyBounds.ForPrefix(indexPrefix);
        int logKeyLength = feed.Prefix.Length + ChangeFeedLog.SequenceLength;
        using PagedEntries entries = new(engine, feed.Log.UserIndex, lower, user.Upper, reverse: false, snapshot, FirstChangesPage);
        using ValueBuffer logKeys = new();
        using ValueBuffer records = new();
        while (await entries.ReadNextAsync(cancellationToken).ConfigureAwait(false))
        {
            // The page's changes: their log keys, read with one GetManyAsync.
            StoragePage page = entries.Page;
            long[] sequences = new long[page.Count];
            int[] keyLengths = new int[page.Count];
            int[] valueLengths = new int[page.Count];
            logKeys.Clear();
            records.Clear();
            for (int i = 0; i < page.Count; i++)
            {
                sequences[i] = ReadChangeSequence(page.GetKey(i), indexPrefix.Length);
                ChangeFeedLog.WriteLogKey(logKeys.GetSpan(logKeyLength), feed.Prefix, sequences[i]);
                logKeys.Advance(logKeyLength);
                keyLengths[i] = logKeyLength;
            }

            await engine.GetManyAsync(feed.Log.Log, logKeys.WrittenMemory, keyLengths, records, valueLengths, snapshot, cancellationToken).ConfigureAwait(false);
            int offset = 0;
            for (int i = 0; i < sequences.Length; i++)
            {
                if (valueLengths[i] < 0)
                {
                    // Both entries are written by one atomic write and never removed apart.
                    throw CorruptChange(sequences[i], "the per-user index points at a change that is not in the log");
                }

                ReadOnlyMemory<byte> record = records.WrittenMemory.Slice(offset, valueLengths[i]);
                offset += valueLengths[i];
                yield return DecodeChange(sequences[i], record);
                Store.ThrowIfDisposed();
            }
        }
    }

    private static void CopyValue(ReadOnlySpan<byte> value, ValueBuffer destination)
    {
        destination.Clear();
        value.CopyTo(destination.GetSpan(value.Length));
        destination.Advance(value.Length);
    }

    // Each enumeration reads the context's snapshot when it starts; without one, it takes its own and releases it at the end.
    private sealed class AsyncChanges<TContext, TOut>(ChangeFeedReader<TRow, TKey, TCodec> reader, TContext context, byte[]? userPrefix, long sinceSequence, Func<TableChange<TRow, TKey>, TOut> map, CancellationToken cancellationToken) : IAsyncEnumerable<TOut>
        where TContext : struct, IReadContext
    {
        public IAsyncEnumerator<TOut> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
        {
            StorageSnapshot? snapshot = context.Snapshot;
            if (StorageEngine.OverlayOf(snapshot) is not null)
            {
                IEnumerable<TableChange<TRow, TKey>> changes = userPrefix is null
                    ? reader.ReadChanges(context, sinceSequence)
                    : reader.ReadChanges(context, userPrefix, sinceSequence);
                return CompletedAsyncEnumerable.From(Mapped(changes), cancellationToken).GetAsyncEnumerator(enumeratorToken);
            }

            return Read(snapshot, enumeratorToken);
        }

        private IEnumerable<TOut> Mapped(IEnumerable<TableChange<TRow, TKey>> changes)
        {
            foreach (TableChange<TRow, TKey> change in changes)
            {
                yield return map(change);
            }
        }

        private async IAsyncEnumerator<TOut> Read(StorageSnapshot? snapshot, CancellationToken enumeratorToken)
        {
            using CancellationTokenSource? linked = enumeratorToken.CanBeCanceled && cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeratorToken)
                : null;
            CancellationToken token = linked?.Token ?? (enumeratorToken.CanBeCanceled ? enumeratorToken : cancellationToken);
            token.ThrowIfCancellationRequested();
            if (sinceSequence == long.MaxValue)
            {
                yield break;
            }

            StorageSnapshot? own = snapshot is null ? await reader.Store.Engine.CreateSnapshotAsync(token).ConfigureAwait(false) : null;
            try
            {
                IAsyncEnumerable<TableChange<TRow, TKey>> changes = userPrefix is null
                    ? reader.ReadTableChangesAsync((snapshot ?? own)!, sinceSequence, token)
                    : reader.ReadUserChangesAsync((snapshot ?? own)!, userPrefix, sinceSequence, token);
                await foreach (TableChange<TRow, TKey> change in changes.ConfigureAwait(false))
                {
                    yield return map(change);
                }
            }
            finally
            {
                own?.Dispose();
            }
        }
    }
}
